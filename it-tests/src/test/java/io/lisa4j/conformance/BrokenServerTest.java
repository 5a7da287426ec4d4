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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite fails a server that drops PREAD's EOF flag and returns stale attributes after SETATTR:
 * the cases aimed at each, and the differential run, which knows nothing of the faults.
 */
class BrokenServerTest {
    @TempDir
    Path temp;

    @Test
    void theSuiteCatchesTheBrokenServer() throws Exception {
        List<Result> results = runAgainstBrokenServer(0, "^8\\.(2\\.10|3\\.2)\\.");
        Map<String, Status> status = new TreeMap<>();
        results.forEach(r -> status.put(r.testCase().id(), r.status()));
        for (String eofCase : List.of("8.3.2.01", "8.3.2.03", "8.3.2.04", "8.3.2.05")) {
            assertEquals(Status.FAIL, status.get(eofCase), eofCase + " must catch the dropped EOF flag");
        }
        for (String staleCase : List.of("8.2.10.01", "8.2.10.02", "8.2.10.03", "8.2.10.09")) {
            assertEquals(Status.FAIL, status.get(staleCase), staleCase + " must catch the stale attributes");
        }
        assertEquals(Status.PASS, status.get("8.3.2.02"), "a read that is not at the end has eof false anyway");
    }

    @Test
    void theDifferentialRunCatchesTheBrokenServerWithAMinimizedReproduction() throws Exception {
        List<Result> results = runAgainstBrokenServer(2000, "differential");
        assertEquals(1, results.size(), "the differential case alone");
        Result r = results.getFirst();
        assertEquals(Status.FAIL, r.status(), r.line());
        assertTrue(r.detail().startsWith("seed 7, step "), "the FAIL line names seed and step: " + r.detail());
        assertTrue(r.detail().matches(".*minimized to [1-9]\\d? ops: .*"), "and a short reproduction: " + r.detail());
    }

    /** The cases matching {@code only}, against the broken server; the differential run with seed 7. */
    private List<Result> runAgainstBrokenServer(int steps, String only) throws Exception {
        try (ConformanceServer server = ConformanceServer.start(temp, BrokenBackendProvider.KIND)) {
            Target target = new Target(server.unix(), ConformanceServer.SCRATCH, server.scratchDir,
                    ConformanceServer.RO, ConformanceServer.SECOND, 7, steps, Pattern.compile(only));
            return Suite.run(target, Catalogue.all(), r -> {});
        }
    }
}
