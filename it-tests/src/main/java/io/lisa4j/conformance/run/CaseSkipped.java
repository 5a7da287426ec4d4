package io.lisa4j.conformance.run;

/** The case cannot run against this target (an option was not given, the host lacks a feature). */
public final class CaseSkipped extends RuntimeException {
    public CaseSkipped(String reason) {
        super(reason, null, false, false);
    }
}
