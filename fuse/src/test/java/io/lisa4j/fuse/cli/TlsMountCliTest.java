package io.lisa4j.fuse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.fuse.FuseSupport;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lisa4j mount tcp:… --tls-dir DIR --identity NAME}, in a JVM of its own, against a daemon
 * serving mutual TLS with the files {@code lisa4j certs} wrote.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsMountCliTest {
    @TempDir
    Path dir;

    @Test
    void mountsAnExportOfATlsServer() throws Exception {
        String reason = FuseSupport.unavailableReason().orElse(null);
        assumeTrue(reason == null, () -> "FUSE unavailable: " + reason);
        Path pki = certs();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        CompletableFuture<LisaServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> Main.commandLine(new Main(started::complete))
                .execute("serve", "--export", "data=" + data, "--listen", "tcp:127.0.0.1:0", "--tls-dir",
                        pki.toString(), "--allow", "data=tls:alice:rw"));
        LisaServer server = started.get(60, TimeUnit.SECONDS);
        try {
            Process mount = mountCommand("tcp:127.0.0.1:" + server.tcpPort(), "data", mnt.toString(),
                    "--tls-dir", pki.toString(), "--identity", "alice").start();
            try {
                List<String> before = linesUntilMounted(mount);
                assertTrue(before.isEmpty(), "nothing before the mount's own line (no third-party logging): " + before);
                Files.writeString(mnt.resolve("through-tls.txt"), "over TLS");
                assertEquals("over TLS", Files.readString(data.resolve("through-tls.txt")));
            } finally {
                mount.destroy();
                mount.waitFor();
            }
            assertFalse(Files.exists(mnt.resolve("through-tls.txt")), "unmounted on SIGTERM");
        } finally {
            server.close();
            served.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingCertificateIsNamedInOneLine() throws Exception {
        Path pki = certs();
        Process mount = mountCommand("tcp:127.0.0.1:1", "data", dir.toString(), "--tls-dir", pki.toString(),
                "--identity", "mallory").start();
        String err = new String(mount.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, mount.waitFor());
        assertEquals("lisa4j mount: cannot read " + pki.resolve("mallory.pem") + " (ENOENT)\n", err);
    }

    private Path certs() {
        Path pki = dir.resolve("pki");
        assertEquals(0, Main.commandLine(new Main()).execute("certs", "--dir", pki.toString(), "--server",
                "127.0.0.1", "--client", "alice"));
        return pki;
    }

    private static ProcessBuilder mountCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                MountMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The stderr lines before the mount reports itself mounted; fails if it ends first. */
    private static List<String> linesUntilMounted(Process mount) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(mount.getErrorStream(), StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        for (String line; (line = err.readLine()) != null; ) {
            if (line.startsWith("lisa4j mount: data at ") && line.contains(" mounted on ")) {
                Thread.ofVirtual().start(() -> err.lines().forEach(System.err::println));
                return before;
            }
            before.add(line);
        }
        throw new AssertionError("the mount ended before mounting: " + before);
    }
}
