package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.cli.Main;
import io.lisa4j.server.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the daemon's commands fail: one line on stderr naming the thing and the errno, a non-zero
 * exit, no stack trace (unless --debug), no usage text after a wrong setting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliErrorsTest {
    @TempDir
    Path dir;

    private record Run(int status, String err, String log) {
        /** The last line on stderr: what the person reads. */
        String last() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }

        void assertOneLine(String expected) {
            assertEquals(expected, last(), err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace:\n" + err);
            assertFalse(err.contains("Usage:"), "no usage text:\n" + err);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
            int status = Main.execute(new Main(), args);
            return new Run(status, err.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(savedErr);
            Log.setOutput(savedErr);
        }
    }

    @Test
    void aPortInUseIsOneLineWithTheErrnoAndNoStop() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run r = run("serve", "--export", "data=" + export, "--listen", "tcp:127.0.0.1:" + port, "--insecure-tcp");
            assertEquals(1, r.status());
            r.assertOneLine("lisa4j: cannot listen on tcp:127.0.0.1:" + port + ": address already in use (EADDRINUSE)");
            assertFalse(r.log().contains("event=stopped"), "a server that never ran does not stop:\n" + r.log());
        }
    }

    @Test
    void aSocketDirectoryThatCannotBeCreatedNamesItAndTheErrno() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path file = Files.writeString(dir.resolve("file"), "");
        Run r = run("serve", "--export", "data=" + export, "--listen", "unix:" + file.resolve("run/x.sock"));
        assertEquals(1, r.status());
        r.assertOneLine("lisa4j: cannot create directory " + file.resolve("run") + ": not a directory (ENOTDIR)");
    }

    @Test
    void anUnreadableConfigFileGivesTheReasonWithoutTheUsage() {
        Path missing = dir.resolve("missing.yaml");
        Run r = run("serve", "--config", missing.toString());
        assertEquals(2, r.status());
        assertEquals("lisa4j: cannot read " + missing + ": no such file or directory (ENOENT)", r.err().lines().findFirst().orElseThrow());
        r.assertOneLine("See 'lisa4j serve --help'.");
    }

    @Test
    void aBadSettingIsOneLineWithoutTheUsage() {
        Run r = run("serve", "--export", "data=" + dir.resolve("nope"), "--listen", "tcp:127.0.0.1:0");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("lisa4j: bad setting --export: export data: "), r.err());
        r.assertOneLine("See 'lisa4j serve --help'.");
    }

    @Test
    void debugAddsTheStackTrace() {
        Run r = run("serve", "--debug", "--config", dir.resolve("missing.yaml").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void certsNamesTheDirectoryItCannotCreate() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        Run r = run("certs", "--dir", file.resolve("pki").toString(), "--client", "a");
        assertEquals(1, r.status());
        r.assertOneLine("lisa4j: cannot create directory " + file.resolve("pki") + ": not a directory (ENOTDIR)");
    }

    @Test
    void aCorruptCaIsNamed() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.writeString(pki.resolve("ca.pem"), "not a certificate");
        Files.writeString(pki.resolve("ca-key.pem"), "not a key");
        Run r = run("certs", "--dir", pki.toString(), "--client", "a");
        assertEquals(1, r.status());
        assertTrue(r.last().startsWith("lisa4j: cannot load the CA from " + pki.resolve("ca.pem")), r.err());
        r.assertOneLine(r.last());
    }

    @Test
    void aLauncherCommandGivenToTheJarSaysWhereItRuns() {
        Run r = run("mount", "unix:/x", "data", "/mnt");
        assertEquals(1, r.status());
        r.assertOneLine("lisa4j: 'mount' is run by the ./lisa4j launcher of a source tree (./lisa4j mount --help), "
                + "not by the daemon's jar");
    }

    @Test
    void aMetricsPortInUseIsOneLine() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run r = run("serve", "--export", "data=" + export, "--listen", "unix:" + dir.resolve("s.sock"),
                    "--metrics", "tcp:127.0.0.1:" + port);
            assertEquals(1, r.status());
            r.assertOneLine("lisa4j: cannot serve metrics on tcp:127.0.0.1:" + port
                    + ": address already in use (EADDRINUSE)");
        }
    }

    @Test
    void aYamlSyntaxErrorIsOneLineWithItsPosition() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "exports: [\n  - {name: x\n");
        Run r = run("serve", "--config", config.toString());
        assertEquals(2, r.status());
        assertEquals(List.of("lisa4j: bad setting " + config + ": not valid YAML: expected the node content, but "
                + "found '-' at line 2, column 3", "See 'lisa4j serve --help'."), r.err().lines().toList());
    }

    @Test
    void unreadableTlsKeyMaterialIsNamed() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path pki = Files.createDirectories(dir.resolve("pki"));
        for (String file : new String[] {"server.pem", "server-key.pem", "ca.pem"}) {
            Files.writeString(pki.resolve(file), "not PEM");
        }
        Run r = run("serve", "--export", "data=" + export, "--listen", "tcp:127.0.0.1:0", "--tls-dir", pki.toString());
        assertEquals(1, r.status());
        assertTrue(r.last().startsWith("lisa4j: cannot load the TLS key material: " + pki), r.err());
        r.assertOneLine(r.last());
    }
}
