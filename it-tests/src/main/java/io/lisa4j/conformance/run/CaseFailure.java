package io.lisa4j.conformance.run;

/** The server did not do what the specification says; the message holds expected and actual. */
public final class CaseFailure extends RuntimeException {
    public CaseFailure(String message) {
        super(message, null, false, false);
    }
}
