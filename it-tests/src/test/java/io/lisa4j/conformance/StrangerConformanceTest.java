package io.lisa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's command line as a stranger runs it: against a freshly started daemon whose
 * read-only export is an empty directory, nothing prepared by hand, in a JVM of its own, reading
 * only its exit status, stdout and stderr.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StrangerConformanceTest {
    @TempDir
    static Path temp;
    static Path socket;
    static Path emptyRo;
    static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        emptyRo = Files.createDirectories(temp.resolve("ro"));
        Path second = Files.createDirectories(temp.resolve("second"));
        socket = temp.resolve("lisa4j.sock");
        daemon = DaemonProcess.start(temp.resolve("daemon.log"), "serve", "--listen", "unix:" + socket,
                "--export", "scratch=" + scratch, "--export", "ro=" + emptyRo + ":ro", "--export", "second=" + second,
                "--export", "scratch-ro=" + scratch + ":ro");
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    @Test
    void anEmptyReadOnlyExportSkipsTheReadOnlyCasesWithTheReasonAndNothingFails() throws Exception {
        Run run = conformance("--target", "unix:" + socket, "--export", "scratch", "--ro-export", "ro",
                "--second-export", "second");
        assertEquals(0, run.status, run.describe());
        assertTrue(run.lastLine().matches("\\d+ passed, 0 failed, \\d+ skipped"), run.describe());
        List<String> readOnly = run.lines("8.2.0.");
        assertEquals(21, readOnly.size(), run.describe());
        for (String line : readOnly) {
            assertTrue(line.contains(" SKIP read-only export ro lacks file, dir and link"), line);
        }
        assertEquals("", run.err);
    }

    @Test
    void aReadOnlyExportOfTheScratchDirectoryGetsItsTreeMadeThroughScratch() throws Exception {
        Run run = conformance("--target", "unix:" + socket, "--export", "scratch", "--ro-export", "scratch-ro",
                "--only", "^8\\.2\\.0\\.");
        assertEquals(0, run.status, run.describe());
        assertEquals("21 passed, 0 failed", run.lastLine(), run.describe());
    }

    @Test
    void roExportPathGetsTheTreeMadeOnTheHostAndRemovedAfterwards() throws Exception {
        Run run = conformance("--target", "unix:" + socket, "--export", "scratch", "--ro-export", "ro",
                "--ro-export-path", emptyRo.toString(), "--only", "^8\\.2\\.0\\.");
        assertEquals(0, run.status, run.describe());
        assertEquals("21 passed, 0 failed", run.lastLine(), run.describe());
        try (var left = Files.list(emptyRo)) {
            assertEquals(0, left.count(), "the read-only export's directory is empty again");
        }

        Path notADirectory = Files.writeString(temp.resolve("not-a-directory"), "");
        Run wrong = conformance("--target", "unix:" + socket, "--export", "scratch", "--ro-export", "ro",
                "--ro-export-path", notADirectory.toString());
        assertEquals(2, wrong.status, wrong.describe());
        assertEquals("conformance: cannot make the read-only tree in --ro-export-path " + notADirectory
                + " (Not a directory)\n", wrong.err);
    }

    @Test
    void aMissingExportIsNamedInOneLine() throws Exception {
        Run run = conformance("--target", "unix:" + socket, "--export", "scratch", "--ro-export", "nosuch");
        assertEquals(2, run.status, run.describe());
        assertEquals("conformance: export nosuch not found on unix:" + socket + " (ENOENT)\n", run.err);
        assertEquals("", run.out);
    }

    @Test
    void aMissingSocketIsNamedInOneLine() throws Exception {
        Path none = temp.resolve("none.sock");
        Run run = conformance("--target", "unix:" + none, "--export", "scratch");
        assertEquals(2, run.status, run.describe());
        assertEquals("conformance: cannot connect to unix:" + none + " (ENOENT)\n", run.err);

        Run debug = conformance("--target", "unix:" + none, "--export", "scratch", "--debug");
        assertEquals(2, debug.status, debug.describe());
        assertTrue(debug.err.startsWith("conformance: cannot connect to unix:" + none + " (ENOENT)\n"), debug.err);
        assertTrue(debug.err.contains("\tat io.lisa4j."), "--debug adds the stack trace: " + debug.err);
    }

    @Test
    void aTlsServerIsReachedWithTheCertsDirectoryAndAnIdentity(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        DaemonProcess.runToEnd(dir.resolve("certs.log"), "certs", "--dir", pki.toString(), "--server", "127.0.0.1",
                "--client", "alice", "--client", "eve");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path second = Files.createDirectories(dir.resolve("second"));
        int port = freePort();
        String target = "tcp:127.0.0.1:" + port;
        try (DaemonProcess tls = DaemonProcess.start(dir.resolve("daemon.log"), "serve", "--listen", target,
                "--tls-dir", pki.toString(), "--export", "scratch=" + scratch, "--export", "ro=" + scratch + ":ro",
                "--export", "second=" + second, "--allow", "scratch=tls:alice:rw", "--allow", "ro=tls:alice:ro",
                "--allow", "second=tls:alice:rw")) {
            tls.awaitPort(port);
            Run run = conformance("--target", target, "--tls-dir", pki.toString(), "--identity", "alice",
                    "--export", "scratch", "--ro-export", "ro", "--second-export", "second");
            assertEquals(0, run.status, run.describe());
            assertTrue(run.lastLine().matches("\\d+ passed, 0 failed(, \\d skipped)?"), run.describe());
            assertTrue(run.lines("8.2.0.").stream().allMatch(l -> l.endsWith(" PASS")), run.describe());
            assertEquals("", run.err, "nothing on stderr: no third-party logging");

            Run eve = conformance("--target", target, "--tls-dir", pki.toString(), "--identity", "eve",
                    "--export", "scratch");
            assertEquals(2, eve.status, eve.describe());
            assertEquals("conformance: export scratch on " + target + " refused this client (EACCES)\n", eve.err);

            Run noKey = conformance("--target", target, "--tls-dir", pki.toString(), "--identity", "mallory",
                    "--export", "scratch");
            assertEquals(2, noKey.status, noKey.describe());
            assertEquals("conformance: cannot read " + pki.resolve("mallory.pem") + " (ENOENT)\n", noKey.err);

            Path otherCa = dir.resolve("other-ca");
            DaemonProcess.runToEnd(dir.resolve("certs2.log"), "certs", "--dir", otherCa.toString(), "--server",
                    "127.0.0.1", "--client", "alice");
            Run stranger = conformance("--target", target, "--tls-dir", otherCa.toString(), "--identity", "alice",
                    "--export", "scratch");
            assertEquals(2, stranger.status, stranger.describe());
            assertTrue(stranger.err.startsWith("conformance: cannot connect to " + target
                    + " (EACCES); TLS handshake failed: "), stranger.err);
            assertEquals(1, stranger.err.lines().count(), stranger.err);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What one run of the command left: exit status, stdout, stderr. */
    private record Run(int status, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        List<String> lines(String idPrefix) {
            return out.lines().filter(l -> l.startsWith(idPrefix)).toList();
        }

        String describe() {
            return "exit " + status + "\nstdout (end):\n" + out.substring(Math.max(0, out.length() - 4000))
                    + "\nstderr:\n" + err;
        }
    }

    /** What the conformance jar holds: the suite's classes and its runtime dependencies, none of the tests'. */
    private static String classpath() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        return target.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(target.resolve("conformance.classpath")).strip();
    }

    /** {@code lisa4j conformance ARGS} in a JVM of its own. */
    private static Run conformance(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DaemonProcess.java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classpath(), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int status = p.waitFor();
        return new Run(status, Files.readString(out), Files.readString(err));
    }
}
