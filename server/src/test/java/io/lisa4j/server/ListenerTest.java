package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.fb.Opcode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Unix socket file's life cycle and the TCP listener's port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerTest {
    @TempDir
    Path dir;

    @Test
    void socketIsOwnerOnlyWhileServingAndRemovedAtShutdown() throws Exception {
        TestServer server = TestServer.start(dir);
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket)));
            assertTrue(server.server.tcpPort() > 0);
            assertTrue(server.server.boundAddresses().contains(new ListenAddress.Tcp("127.0.0.1", server.server.tcpPort())));
        } finally {
            server.close();
        }
        assertFalse(Files.exists(server.socket));
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("lisa4j.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a Java listener leaves its file behind, as a crash would");
        try (TestServer server = TestServer.start(dir); RawClient client = RawClient.unix(socket)) {
            client.hello();
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @Test
    void liveSocketIsLeftAlone() throws Exception {
        Path socket = dir.resolve("lisa4j.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class, () -> TestServer.start(dir));
            assertTrue(e.getMessage().contains("another server"), e.getMessage());
            assertTrue(Files.exists(socket));
        }
    }

    @Test
    void regularFileIsNeverDeleted() throws Exception {
        Path file = dir.resolve("lisa4j.sock");
        Files.writeString(file, "precious");
        assertThrows(IOException.class, () -> TestServer.start(dir));
        assertEquals("precious", Files.readString(file));
    }

    @Test
    void listenAddressesParse() {
        assertEquals(new ListenAddress.Unix(Path.of("/run/x.sock")), ListenAddress.parse("unix:/run/x.sock"));
        assertEquals(new ListenAddress.Tcp("127.0.0.1", 0), ListenAddress.parse("tcp:127.0.0.1:0"));
        assertEquals(new ListenAddress.Tcp("::1", 7000), ListenAddress.parse("tcp:[::1]:7000"));
        for (String bad : List.of("udp:1", "tcp:nohost", "tcp:h:99999", "unix:", "tcp:h:x")) {
            assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(bad), bad);
        }
    }
}
