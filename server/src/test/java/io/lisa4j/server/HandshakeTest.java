package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.TestServer.Transport;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PROTOCOL.md §3 over real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeTest {
    private static final int SERVER_MAX = 1024 * 1024;

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, List.of(), Limits.DEFAULT.withMaxMessageSize(SERVER_MAX).withMaxInFlight(32));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void helloAgreesOnVersionLimitsAndFeatures(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            RawReply reply = client.call(Opcode.Hello, 0, Bodies.hello(1, 7, ~0L, 8L * 1024 * 1024));
            assertEquals(0, reply.status());
            HelloReply hello = HelloReply.getRootAsHelloReply(reply.bodyBuffer());
            assertEquals(1, hello.version());
            long donation = transport == Transport.UNIX ? ProtocolConstants.FEATURE_FD_DONATION : 0;
            assertEquals(ProtocolConstants.FEATURE_CREDENTIALS | donation, hello.features(),
                    "the AND of everything and what the server implements: CREDENTIALS, and FD_DONATION on Unix");
            assertEquals(transport == Transport.UNIX ? 16 : 0, hello.fdChannelTokenLength(), "side-channel token");
            assertEquals(SERVER_MAX, hello.maxMessageSize(), "min(client, server)");
            assertEquals(32, hello.maxInFlight());
            assertTrue(hello.maxComponents() >= 255);
            assertEquals(255, hello.maxNameLength());
            assertEquals("lisa4j", hello.serverName());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void smallerClientLimitWins(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            RawReply reply = client.call(Opcode.Hello, 0, Bodies.hello(0, 1, 0, 65_536));
            assertEquals(0, reply.status());
            assertEquals(65_536, HelloReply.getRootAsHelloReply(reply.bodyBuffer()).maxMessageSize());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noCommonVersionIsRefusedAndClosed(Transport transport) throws Exception {
        assertRefusedAndClosed(transport, Bodies.hello(2, 5, 0, SERVER_MAX), Errno.EPROTONOSUPPORT);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invertedVersionRangeIsRefusedAndClosed(Transport transport) throws Exception {
        assertRefusedAndClosed(transport, Bodies.hello(1, 0, 0, SERVER_MAX), Errno.EPROTONOSUPPORT);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyHelloMeansVersionZeroOnly(Transport transport) throws Exception {
        assertRefusedAndClosed(transport, null, Errno.EPROTONOSUPPORT);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tooSmallMaxMessageIsInvalid(Transport transport) throws Exception {
        assertRefusedAndClosed(transport, Bodies.hello(1, 1, 0, 65_535), Errno.EINVAL);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestBeforeHelloIsProtocolErrorAndCloses(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            RawReply reply = client.call(Opcode.Ping, 0, null);
            assertEquals(Errno.EPROTO.number(), reply.status());
            assertTrue(client.closedByServer());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondHelloIsProtocolErrorButConnectionStays(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            RawReply again = client.call(Opcode.Hello, 0, Bodies.hello(1, 1, 0, SERVER_MAX));
            assertEquals(Errno.EPROTO.number(), again.status());
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void undecodableHelloIsBadMessageAndHelloMayBeRetried(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            RawReply bad = client.call(Opcode.Hello, 0, ByteBuffer.wrap(new byte[] {(byte) 0xf0, 0x7f, 0, 0x7f}));
            assertEquals(Errno.EBADMSG.number(), bad.status());
            assertEquals(0, client.hello().version() == 1 ? 0 : 1);
        }
    }

    private static void assertRefusedAndClosed(Transport transport, ByteBuffer body, Errno expected) throws Exception {
        try (RawClient client = server.connect(transport)) {
            RawReply reply = client.call(Opcode.Hello, 0, body);
            assertEquals(expected.number(), reply.status());
            assertEquals(0, reply.body().length, "an error reply has an empty body");
            assertTrue(client.closedByServer());
        }
        // The refusal cost one connection, not the server.
        try (RawClient other = server.connect(transport)) {
            assertFalse(other.hello().maxMessageSize() < ProtocolConstants.MIN_MAX_MESSAGE);
        }
    }
}
