package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees at the default level about connections that fail: TLS, timeouts, the disconnect. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLogTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        Log.setOutput(System.err);
    }

    /** Polls the log for {@code text}; a hang guard, not a timing assertion. */
    private void awaitLog(String text) throws InterruptedException {
        for (int i = 0; i < 400 && !log.toString(StandardCharsets.UTF_8).contains(text); i++) {
            Thread.sleep(25);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(text), text + " in\n" + log);
    }

    @Test
    void aFailedTlsHandshakeAndItsDisconnectAreLoggedAtInfo() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1));
        ca.write(pki.resolve("ca.pem"), pki.resolve("ca-key.pem"));
        ca.issueServer("server", List.of("127.0.0.1"), Duration.ofDays(1))
                .write(pki.resolve("server.pem"), pki.resolve("server-key.pem"), ca.certificate());
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), List.of())
                .withIoThreads(1).withSecurity(SecurityConfig.defaults().withTls(TlsFiles.in(pki, "server")));
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (LisaServer server = LisaServer.start(config); Socket plain = new Socket("127.0.0.1", server.tcpPort())) {
            plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            awaitLog("level=info event=tls_handshake_failed peer=/127.0.0.1:" + plain.getLocalPort() + " error=");
            awaitLog("level=info event=disconnect peer=/127.0.0.1:" + plain.getLocalPort() + " identity=none");
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).lines().allMatch(l -> l.startsWith("ts=")), log.toString());
    }

    @Test
    void anIdleConnectionsCloseIsLoggedAtInfo() throws Exception {
        Path socket = dir.resolve("l.sock");
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)), List.of()).withIoThreads(1)
                .withSecurity(SecurityConfig.defaults().withLimits(
                        ConnectionLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(300))));
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (LisaServer server = LisaServer.start(config); RawClient idle = RawClient.unix(socket)) {
            idle.hello();
            assertTrue(idle.closedByServer());
            awaitLog("level=info event=idle_timeout peer=");
            awaitLog("level=info event=disconnect peer=");
        }
    }
}
