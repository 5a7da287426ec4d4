package io.lisa4j.conformance.run;

/** What one conformance case does; it returns normally to pass. */
@FunctionalInterface
public interface CaseBody {
    void run(CaseEnv env) throws Exception;
}
