package io.lisa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", serverJar().toString(), "serve",
                "--export", ConformanceServer.SCRATCH + "=" + scratch,
                "--export", ConformanceServer.RO + "=" + ro + ":ro",
                "--export", ConformanceServer.SECOND + "=" + second,
                "--listen", "unix:" + socket)
                .redirectErrorStream(true).redirectOutput(temp.resolve("daemon.log").toFile()).start();
        try {
            awaitSocket(daemon, socket);
            SuiteRuns.assertAllPass(SuiteRuns.target("unix:" + socket, scratch));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** Polls for the socket file; a hang guard, not a timing assertion. */
    private static void awaitSocket(Process daemon, Path socket) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(socket); i++) {
            assertTrue(daemon.isAlive(), "the daemon exited before listening");
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "the daemon to listen on " + socket);
    }

    private static Path serverJar() throws IOException {
        Path target = Path.of("..", "server", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "lisa4j-server-*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no lisa4j-server-*-all.jar in " + target + ": run ./mvnw install first");
    }

}
