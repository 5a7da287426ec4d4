package io.lisa4j.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole suite against the daemon started as its own process from the built server jar. */
class DaemonProcessConformanceTest {
    @TempDir
    Path temp;

    @Test
    void everyCasePassesAgainstTheDaemonJar() throws Exception {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        Path ro = ConformanceServer.roTree(temp.resolve("ro"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path socket = temp.resolve("daemon.sock");
        try (DaemonProcess daemon = DaemonProcess.start(temp.resolve("daemon.log"), "serve",
                "--export", ConformanceServer.SCRATCH + "=" + scratch,
                "--export", ConformanceServer.RO + "=" + ro + ":ro",
                "--export", ConformanceServer.SECOND + "=" + second,
                "--listen", "unix:" + socket)) {
            daemon.awaitSocket(socket);
            SuiteRuns.assertAllPass(SuiteRuns.target("unix:" + socket, scratch));
        }
    }
}
