package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.TestServer.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Framing, admission and pipelining (PROTOCOL.md §2, §4) over real sockets, without any export. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FramingTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pingIsAnsweredWithAnEmptyBody(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            RawReply reply = client.call(Opcode.Ping, 0, null);
            assertEquals(0, reply.status());
            assertEquals(0, reply.data().length);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownOpcodeIsNotSupported(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            assertEquals(Errno.EOPNOTSUPP.number(), client.call(5, 0, null).status());
            assertEquals(Errno.EOPNOTSUPP.number(), client.call(0xffff, 3, null).status());
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unmountedFsidIsNoDevice(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            assertEquals(Errno.ENODEV.number(), client.call(Opcode.Stat, 7, Bodies.stat(0, "x", false)).status());
            assertEquals(Errno.ENODEV.number(), client.call(Opcode.Fstat, 0, Bodies.handle(1)).status());
            assertEquals(Errno.ENODEV.number(), client.call(Opcode.Umount, 1, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownExportIsNoEntry(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            assertEquals(Errno.ENOENT.number(), client.call(Opcode.Mount, 0, Bodies.mount("nope")).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void oversizeFrameIsRefusedAndTheConnectionGoesOn(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            // Before HELLO the limit is 64 KiB.
            RawReply early = send(client, Opcode.Ping, new byte[ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE]);
            assertEquals(Errno.EMSGSIZE.number(), early.status());
            client.hello();
            RawReply late = send(client, Opcode.Ping, new byte[ProtocolConstants.DEFAULT_MAX_MESSAGE]);
            assertEquals(Errno.EMSGSIZE.number(), late.status());
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void corruptHeaderClosesOnlyThatConnection(Transport transport) throws Exception {
        try (RawClient healthy = server.connect(transport); RawClient broken = server.connect(transport)) {
            healthy.hello();
            broken.hello();
            ByteBuffer header = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(3).putInt(99).putShort((short) Opcode.Ping).putShort((short) 0).putInt(0).putInt(0);
            broken.sendRaw(header.array());
            assertTrue(broken.closedByServer());
            assertEquals(0, healthy.call(Opcode.Ping, 0, null).status());
        }
        try (RawClient later = server.connect(transport)) {
            later.hello();
            assertEquals(0, later.call(Opcode.Ping, 0, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bodyLongerThanFrameClosesTheConnection(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            ByteBuffer header = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(16).putInt(1).putShort((short) Opcode.Ping).putShort((short) 0).putInt(0).putInt(1);
            client.sendRaw(header.array());
            assertTrue(client.closedByServer());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void undecodableBodiesAreBadMessages(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            // The root offset points far past the body.
            ByteBuffer garbage = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3, 4});
            assertEquals(Errno.EBADMSG.number(), client.call(Opcode.Mount, 0, garbage).status());
            // A valid body cut short: the table and its vector lie beyond the end.
            ByteBuffer valid = Bodies.mount("an-export-name-long-enough");
            ByteBuffer truncated = valid.duplicate().limit(valid.position() + 6);
            assertEquals(Errno.EBADMSG.number(), client.call(Opcode.Mount, 0, truncated).status());
            // Three bytes cannot even hold a root offset.
            assertEquals(Errno.EBADMSG.number(), client.call(Opcode.Mount, 0, ByteBuffer.wrap(new byte[3])).status());
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pipelinedRequestsAreEachAnsweredOnceById(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            Map<Integer, Integer> expected = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                int id = 1000 + i;
                switch (i % 4) {
                    case 0 -> client.send(id, Opcode.Ping, 0, null, null);
                    case 1 -> client.send(id, Opcode.Mount, 0, Bodies.mount("missing-" + i), null);
                    case 2 -> client.send(id, 200, 0, null, null);
                    default -> client.send(id, Opcode.Stat, 42, Bodies.stat(0, "a/b", false), null);
                }
                expected.put(id, switch (i % 4) {
                    case 0 -> 0;
                    case 1 -> Errno.ENOENT.number();
                    case 2 -> Errno.EOPNOTSUPP.number();
                    default -> Errno.ENODEV.number();
                });
            }
            for (int i = 0; i < 60; i++) {
                RawReply reply = client.receive();
                Integer status = expected.remove(reply.requestId());
                assertEquals(status, reply.status(), "reply to request " + reply.requestId());
            }
            assertTrue(expected.isEmpty());
        }
    }

    private static RawReply send(RawClient client, int opcode, byte[] data) throws Exception {
        int id = client.nextId();
        client.send(id, opcode, 0, null, data);
        RawReply reply = client.receive();
        assertEquals(id, reply.requestId());
        return reply;
    }

    static List<Transport> transports() {
        return List.of(Transport.values());
    }
}
