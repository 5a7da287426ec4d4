package io.lisa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.conformance.cases.Catalogue;
import io.lisa4j.conformance.run.Result;
import io.lisa4j.conformance.run.Status;
import io.lisa4j.conformance.run.Suite;
import io.lisa4j.conformance.run.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs the whole catalogue against a target from a test and insists that every case passes. */
final class SuiteRuns {
    /** The test command's differential steps (issue 3: at least 10 000), raised with -Dlisa4j.differential.steps. */
    static final int STEPS = Integer.getInteger("lisa4j.differential.steps", 10_000);
    /** While developing: run only the cases whose "id name" matches -Dlisa4j.conformance.only=REGEX. */
    static final String ONLY = blankToNull(System.getProperty("lisa4j.conformance.only"));

    private SuiteRuns() {}

    static Target target(String endpoint, Path scratchDir) {
        return new Target(endpoint, ConformanceServer.SCRATCH, scratchDir, ConformanceServer.RO,
                ConformanceServer.SECOND, 42, STEPS,
                ONLY == null ? null : Pattern.compile(ONLY));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static List<Result> run(Target target) throws Exception {
        return Suite.run(target, Catalogue.all(), r -> {
            if (r.status() != Status.PASS || ONLY != null) {
                System.out.println(r.line());
            }
        });
    }

    /**
     * No case failed, and none skipped for want of an option, since the target offers every export
     * and its host path (a case may still skip for the host, as when the server runs as root).
     */
    static void assertAllPass(Target target) throws Exception {
        List<Result> results = run(target);
        String bad = results.stream()
                .filter(r -> r.status() == Status.FAIL
                        || r.status() == Status.SKIP && r.detail().startsWith("needs --"))
                .map(Result::line)
                .collect(Collectors.joining("\n"));
        assertEquals("", bad, "cases that did not pass against " + target.endpoint());
        assertTrue(ONLY != null || results.size() >= 150, "at least 150 cases, got " + results.size());
    }
}
