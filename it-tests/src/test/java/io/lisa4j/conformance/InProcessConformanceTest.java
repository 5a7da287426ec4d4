package io.lisa4j.conformance;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole suite against the daemon running in this JVM, over the Unix socket and over TCP. */
class InProcessConformanceTest {
    @TempDir
    Path temp;

    @Test
    void everyCasePassesOverUnixSocket() throws Exception {
        try (ConformanceServer server = ConformanceServer.start(temp)) {
            SuiteRuns.assertAllPass(SuiteRuns.target(server.unix(), server.scratchDir));
        }
    }

    @Test
    void everyCasePassesOverTcp() throws Exception {
        try (ConformanceServer server = ConformanceServer.start(temp)) {
            SuiteRuns.assertAllPass(SuiteRuns.target(server.tcp(), server.scratchDir));
        }
    }
}
