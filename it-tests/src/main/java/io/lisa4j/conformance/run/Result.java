package io.lisa4j.conformance.run;

/** How one case ended; {@code detail} is the skip reason or what was expected and what came back. */
public record Result(Case testCase, Status status, String detail, long nanos) {
    /** The report line: {@code <id> <name> PASS|FAIL|SKIP [detail]}. */
    public String line() {
        String head = testCase.id() + " " + testCase.name() + " " + status;
        return detail == null || detail.isEmpty() ? head : head + " " + detail;
    }
}
