package io.lisa4j.server;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hoard connections, handles, time or memory are cut off or refused with a clear
 * errno, and a well-behaved client on the same server carries on throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdBaseline.class)
class ConnectionLimitsTest {
    @TempDir
    Path dir;

    private Path socket;

    private LisaServer start(ConnectionLimits limits, List<ListenAddress> extra, SecurityConfig base)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(data.resolve("f" + i), "x");
        }
        socket = dir.resolve("l.sock");
        List<ListenAddress> listen = new ArrayList<>(extra);
        listen.add(new ListenAddress.Unix(socket));
        List<ExportSpec> exports = List.of(ExportSpec.host("data", data.toString(), false));
        ServerConfig config = ServerConfig.of(listen, exports).withWorkers(2, 64).withIoThreads(1)
                .withSecurity(base.withLimits(limits));
        return LisaServer.start(config, ExportRegistry.open(exports));
    }

    private LisaServer start(ConnectionLimits limits) throws Exception {
        return start(limits, List.of(), SecurityConfig.defaults());
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAndTheEstablishedClientIsUnaffected() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withMaxConnections(8));
                RawClient good = RawClient.unix(socket)) {
            good.hello();
            int fsid = good.mount("data");
            List<RawClient> flood = new ArrayList<>();
            try {
                int refused = 0;
                for (int i = 0; i < 300; i++) {
                    RawClient c = RawClient.unix(socket);
                    flood.add(c);
                    if (i >= 7 && c.closedByServer()) {
                        refused++;
                    }
                }
                assertTrue(refused >= 300 - 7, "refused " + refused);
                assertEquals(0, good.call(Opcode.Stat, fsid, Bodies.stat(0, "f0", false)).status());
            } finally {
                for (RawClient c : flood) {
                    c.close();
                }
            }
            // Once the flood is gone, new clients are admitted again.
            for (;;) {
                try (RawClient again = RawClient.unix(socket)) {
                    again.hello();
                    break;
                } catch (IOException stillCounted) {
                    Thread.sleep(20);
                }
            }
        }
    }

    @Test
    void theServerWideHandleCapGivesEnfileWhileEachConnectionIsUnderItsOwn() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withMaxServerHandles(3));
                RawClient a = RawClient.unix(socket);
                RawClient b = RawClient.unix(socket)) {
            a.hello();
            b.hello();
            int fa = a.mount("data");
            int fb = b.mount("data");
            long h0 = open(a, fa, "f0");
            open(a, fa, "f1");
            open(b, fb, "f2");
            assertEquals(Errno.ENFILE.number(), b.call(Opcode.Open, fb, Bodies.open(0, "f3", O_RDONLY, 0)).status());
            assertEquals(Errno.ENFILE.number(),
                    b.call(Opcode.Open, fb, Bodies.open(0, "new", O_RDWR | O_CREAT, 0600)).status());
            assertTrue(Files.notExists(dir.resolve("data/new")), "nothing is created beyond the cap");
            assertEquals(0, a.call(Opcode.Close, fa, Bodies.close(h0)).status());
            open(b, fb, "f3");
        }
    }

    @Test
    void aClientThatNeverSaysHelloIsDisconnected() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(300)));
                RawClient slow = RawClient.unix(socket);
                RawClient good = RawClient.unix(socket)) {
            good.hello();
            slow.sendRaw(new byte[] {40, 0, 0});
            assertTrue(slow.closedByServer());
            assertEquals(0, good.call(Opcode.Ping, 0, null).status());
        }
    }

    @Test
    void aTlsHandshakeTrickledByteByByteIsCutOff() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1));
        ca.write(pki.resolve("ca.pem"), pki.resolve("ca-key.pem"));
        ca.issueServer("server", List.of("127.0.0.1"), Duration.ofDays(1))
                .write(pki.resolve("server.pem"), pki.resolve("server-key.pem"), ca.certificate());
        SecurityConfig tls = SecurityConfig.defaults().withTls(TlsFiles.in(pki, "server"));
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(500)),
                List.of(new ListenAddress.Tcp("127.0.0.1", 0)), tls);
                Socket trickle = new Socket("127.0.0.1", server.tcpPort());
                RawClient good = RawClient.unix(socket)) {
            good.hello();
            // A TLS record header announcing a 512-byte ClientHello, then one byte at a time.
            byte[] start = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    OutputStream out = trickle.getOutputStream();
                    for (int i = 0; i < 10_000; i++) {
                        out.write(i < start.length ? start[i] : 0x41);
                        out.flush();
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException closed) {
                    // The server hung up, as it should.
                }
            });
            int b;
            try {
                b = trickle.getInputStream().read();
            } catch (IOException reset) {
                b = -1;
            }
            assertEquals(-1, b, "the server must close, never answer");
            writer.join();
            assertEquals(0, good.call(Opcode.Ping, 0, null).status());
        }
    }

    @Test
    void garbageClosesOnlyTheConnectionThatSentIt() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT);
                RawClient good = RawClient.unix(socket)) {
            good.hello();
            int fsid = good.mount("data");
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 50; i++) {
                try (RawClient bad = RawClient.unix(socket)) {
                    byte[] junk = new byte[1 + random.nextInt(4096)];
                    random.nextBytes(junk);
                    junk[0] = 3; // a length below the header size: the stream is out of sync
                    junk[1] = junk[2] = junk[3] = 0;
                    bad.sendRaw(junk);
                    assertTrue(bad.closedByServer());
                }
                assertEquals(0, good.call(Opcode.Stat, fsid, Bodies.stat(0, "f1", false)).status());
            }
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(300)));
                RawClient idle = RawClient.unix(socket)) {
            idle.hello();
            assertTrue(idle.closedByServer());
        }
    }

    @Test
    void pipelinedWritesBeyondTheByteBudgetAllCompleteUnderBackPressure() throws Exception {
        try (LisaServer server = start(ConnectionLimits.DEFAULT.withMaxBytesInFlight(200_000));
                RawClient client = RawClient.unix(socket)) {
            client.hello();
            int fsid = client.mount("data");
            long h = open(client, fsid, "f0", O_RDWR);
            byte[] chunk = new byte[60_000];
            int n = 64;
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        client.send(1000 + i, Opcode.Pwrite, fsid, Bodies.pwrite(h, (long) i * chunk.length), chunk);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(0, client.receive().status());
            }
            writer.join();
            assertEquals((long) n * chunk.length, Files.size(dir.resolve("data/f0")));
        }
    }

    private static long open(RawClient c, int fsid, String name) throws IOException {
        return open(c, fsid, name, O_RDONLY);
    }

    private static long open(RawClient c, int fsid, String name, int flags) throws IOException {
        RawReply r = c.call(Opcode.Open, fsid, Bodies.open(0, name, flags, 0));
        assertEquals(0, r.status(), "open " + name);
        return OpenReply.getRootAsOpenReply(r.bodyBuffer()).handle();
    }
}
