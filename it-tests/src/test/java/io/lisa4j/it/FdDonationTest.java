package io.lisa4j.it;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.client.WriteResult;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fd.FdPassing;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host descriptor donation over the Unix socket's side-channel (PROTOCOL.md §3.3), end to end. */
class FdDonationTest {
    private static final ClientOptions DONATING = ClientOptions.DEFAULTS.withFdDonation(true);

    @TempDir
    Path temp;

    private Path exportDir;
    private Path socket;
    private LisaServer server;
    private byte[] content;

    @BeforeEach
    void start() throws IOException {
        exportDir = Files.createDirectories(temp.resolve("export"));
        Files.createDirectories(exportDir.resolve("dir"));
        content = new byte[3 * 1024 * 1024 + 777];
        new Random(6).nextBytes(content);
        Files.write(exportDir.resolve("blob"), content);
        socket = temp.resolve("s.sock");
        server = LisaServer.start(ServerConfig.of(
                List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)),
                List.of(ExportSpec.host("data", exportDir.toString(), false),
                        ExportSpec.host("ro", exportDir.toString(), true)))
                .withSecurity(SecurityConfig.defaults().withInsecureTcp()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session unix(ClientOptions options) throws IOException {
        return Lisa4jClient.connect(URI.create("unix:" + socket), options);
    }

    @Test
    void donatedReadsReturnTheSameBytesAsInBandReads() throws IOException {
        try (Session donating = unix(DONATING); Session plain = unix(ClientOptions.DEFAULTS)) {
            assertEquals(ProtocolConstants.FEATURE_FD_DONATION, donating.negotiated().features());
            assertEquals(0, plain.negotiated().features());
            try (RemoteFile local = donating.mount("data").open("blob", O_RDONLY);
                    RemoteFile remote = plain.mount("data").open("blob", O_RDONLY)) {
                assertTrue(local.donated());
                assertFalse(remote.donated());
                Random r = new Random(1);
                for (int i = 0; i < 50; i++) {
                    long offset = r.nextInt(content.length + 100);
                    int length = r.nextInt(256 * 1024);
                    ReadResult a = local.pread(offset, length);
                    ReadResult b = remote.pread(offset, length);
                    assertArrayEquals(b.data(), a.data(), "at " + offset + "+" + length);
                }
                ByteBuffer direct = ByteBuffer.allocateDirect(4096);
                local.pread(4096, direct);
                direct.flip();
                byte[] got = new byte[direct.remaining()];
                direct.get(got);
                assertArrayEquals(java.util.Arrays.copyOfRange(content, 4096, 8192), got);
                assertEquals(content.length, local.size());
                assertEquals(content.length, remote.size());
            }
        }
    }

    @Test
    void theFirstOpenRightAfterConnectingIsDonated() throws IOException {
        // The side-channel is attached before its reply leaves, so no OPEN can overtake it.
        for (int i = 0; i < 100; i++) {
            try (Session s = unix(DONATING); RemoteFile f = s.mount("data").open("blob", O_RDONLY)) {
                assertTrue(f.donated(), "session " + i);
            }
        }
    }

    @Test
    void donatedReadsAndWritesSendNoRpc() throws IOException {
        try (Session s = unix(DONATING)) {
            RemoteFs fs = s.mount("data");
            try (RemoteFile f = fs.open("new", O_RDWR | O_CREAT, 0644)) {
                assertTrue(f.donated());
                long before = s.rpcCounter().total();
                WriteResult w = f.pwrite(0, "hello, donated".getBytes());
                assertEquals(14, w.written());
                assertEquals(14, w.attr().size(), "attributes read locally after the write");
                assertEquals("hello, donated", new String(f.pread(0, 100).data()));
                assertEquals(14, f.size());
                assertEquals(before, s.rpcCounter().total(), "no RPC for local pread, pwrite, size");
            }
            assertEquals("hello, donated", Files.readString(exportDir.resolve("new")));
        }
    }

    @Test
    void noDonationOverTcpForDirectoriesOPathOrReadOnlyExports() throws IOException {
        try (Session tcp = Lisa4jClient.connect(URI.create("tcp:127.0.0.1:" + server.tcpPort()),
                DONATING.withInsecurePlaintextTcp())) {
            assertEquals(0, tcp.negotiated().features() & ProtocolConstants.FEATURE_FD_DONATION);
            try (RemoteFile f = tcp.mount("data").open("blob", O_RDONLY)) {
                assertFalse(f.donated());
            }
        }
        try (Session s = unix(DONATING)) {
            RemoteFs fs = s.mount("data");
            try (RemoteFile dir = fs.open("dir", O_RDONLY | O_DIRECTORY);
                    RemoteFile path = fs.open("blob", O_PATH);
                    RemoteFile ro = s.mount("ro").open("blob", O_RDONLY)) {
                assertFalse(dir.donated(), "directory");
                assertFalse(path.donated(), "O_PATH");
                assertFalse(ro.donated(), "read-only export");
            }
        }
    }

    @Test
    void closeReleasesTheDonatedAndTheServerDescriptor() throws IOException {
        try (Session s = unix(DONATING)) {
            RemoteFs fs = s.mount("data");
            // One donated open and close first, so that classes (and the jars they load from, which
            // the JDK keeps open) are in place before the count.
            fs.open("blob", O_RDONLY).close();
            long baseline = openFds();
            RemoteFile f = fs.open("blob", O_RDONLY);
            assertTrue(f.donated());
            // The server's handle and the client's donated copy: client and server share this JVM.
            assertEquals(baseline + 2, openFds());
            long rpcs = s.rpcCounter().total();
            f.close();
            assertEquals(rpcs + 1, s.rpcCounter().total(), "one CLOSE RPC");
            assertEquals(baseline, openFds());
        }
    }

    @Test
    void aSideChannelWithAnUnknownTokenIsRefused() throws Exception {
        int fd = FdPassing.connectUnix(socket.toString());
        try {
            ByteBuffer body = RequestBodies.fdChannel(new byte[16]);
            ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + body.remaining())
                    .order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + body.remaining()).putInt(1)
                    .putShort((short) Opcode.FdChannel).putShort((short) 0).putInt(0).putInt(body.remaining())
                    .put(body);
            FdPassing.sendAll(fd, frame.array());
            ByteBuffer reply = ByteBuffer.wrap(FdPassing.receiveExactly(fd, ProtocolConstants.HEADER_SIZE))
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(Errno.EACCES.number(), reply.getInt(12));
        } finally {
            FdPassing.close(fd);
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
