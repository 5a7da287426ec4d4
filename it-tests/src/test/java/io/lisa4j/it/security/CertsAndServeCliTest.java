package io.lisa4j.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.cli.Main;
import io.lisa4j.tls.Identities;
import io.lisa4j.tls.Pem;
import io.lisa4j.tls.TlsFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lisa4j certs} then {@code lisa4j serve --tls-dir … --allow …}, and a client using the files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertsAndServeCliTest {
    @TempDir
    Path dir;

    @Test
    void certsFromTheCliServeMutualTlsWithGrants() throws Exception {
        Path pki = dir.resolve("pki");
        assertEquals(0, Main.commandLine(new Main()).execute("certs", "--dir", pki.toString(), "--server",
                "127.0.0.1", "--client", "alice", "--client", "eve"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("alice-key.pem"))));
        assertEquals("alice", Identities.of(Pem.certificates(pki.resolve("alice.pem")).getFirst()).orElseThrow());

        Path data = Files.createDirectories(dir.resolve("data"));
        CompletableFuture<LisaServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine(new Main(started::complete))
                .execute("serve", "--export", "data=" + data, "--listen", "tcp:127.0.0.1:0", "--tls-dir",
                        pki.toString(), "--allow", "data=tls:alice:rw"));
        LisaServer server = started.get(30, TimeUnit.SECONDS);
        URI tcp = URI.create("tcp:127.0.0.1:" + server.tcpPort());
        try (Session alice = Lisa4jClient.connect(tcp, ClientOptions.DEFAULTS.withTls(TlsFiles.in(pki, "alice")));
                Session eve = Lisa4jClient.connect(tcp, ClientOptions.DEFAULTS.withTls(TlsFiles.in(pki, "eve")))) {
            alice.mount("data").mkdir("from-alice", 0700);
            assertTrue(Files.isDirectory(data.resolve("from-alice")));
            assertEquals(Errno.EACCES.number(), assertThrows(ErrnoException.class, () -> eve.mount("data")).errno());
        } finally {
            server.close();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void tcpWithoutTlsNeedsTheInsecureFlag() {
        Path data = dir;
        assertEquals(2, Main.commandLine(new Main()).execute("serve", "--export", "data=" + data, "--listen",
                "tcp:127.0.0.1:0"));
    }
}
