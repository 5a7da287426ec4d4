package io.lisa4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.Limits;
import io.lisa4j.server.dispatch.Dispatcher;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.metrics.ServerMetrics;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.Quota;
import io.lisa4j.server.session.LiveSessions;
import io.lisa4j.server.spi.ExportSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which calls leave the event loop: metadata lookups are answered on it when the server inlines
 * metadata, except those that run with a caller's delegated credentials; every call that may wait
 * for the disk goes to a worker. The connection runs in an EmbeddedChannel, its workers are an
 * executor that counts what it is handed.
 */
class MetadataPlacementTest {
    private static final Credentials ROOT = new Credentials(0, 0, new int[0]);

    @TempDir
    Path dir;

    private ExportRegistry exports;
    private final AtomicInteger handedOff = new AtomicInteger();
    private final Executor workers = task -> {
        handedOff.incrementAndGet();
        task.run();
    };
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private int nextId = 1;

    @BeforeEach
    void export() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve("a/b/c/d"));
        Files.writeString(data.resolve("a/b/c/d/f5"), "depth five");
        Files.createSymbolicLink(data.resolve("link"), Path.of("a"));
        exports = ExportRegistry.open(List.of(ExportSpec.host("data", data.toString(), false),
                ExportSpec.host("deleg", data.toString(), false)));
    }

    @AfterEach
    void close() {
        for (EmbeddedChannel ch : channels) {
            ch.close();
            ch.finishAndReleaseAll();
        }
        exports.close();
    }

    @Test
    void metadataLookupsStayOnTheEventLoopAndEverythingElseGoesToAWorker() {
        EmbeddedChannel ch = connect(true);
        int fsid = mount(ch, "data");
        for (Request lookup : List.of(
                request(Opcode.Stat, RequestBodies.stat(path("a/b/c/d/f5"), false)),
                request(Opcode.Readlink, RequestBodies.readlink(path("link"))),
                request(Opcode.Access, RequestBodies.access(path("a/b"), 4, 0)),
                request(Opcode.GetXattr, RequestBodies.getXattr(path("a"), false, bytes("user.none"))),
                request(Opcode.ListXattr, RequestBodies.listXattr(path("a"), false)),
                request(Opcode.StatFs, RequestBodies.statFs(path(""))))) {
            assertPlacement(ch, fsid, lookup, 0);
        }
        long handle = open(ch, fsid, "a/b/c/d/f5", ProtocolConstants.O_RDWR);
        assertEquals(1, handedOff.getAndSet(0), "OPEN runs on a worker");
        for (Request lookup : List.of(
                request(Opcode.Fstat, RequestBodies.handle(handle)),
                request(Opcode.Fstatfs, RequestBodies.handle(handle)),
                request(Opcode.Freadlink, RequestBodies.handle(handle)),
                request(Opcode.FgetXattr, RequestBodies.fgetXattr(handle, bytes("user.none"))),
                request(Opcode.FlistXattr, RequestBodies.handle(handle)))) {
            assertPlacement(ch, fsid, lookup, 0);
        }
        long dirHandle = open(ch, fsid, "a", ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY);
        handedOff.set(0);
        for (Request blocking : List.of(
                request(Opcode.Pread, RequestBodies.pread(handle, 0, 4)),
                request(Opcode.Fsync, RequestBodies.fsync(handle, false)),
                request(Opcode.Getdents, RequestBodies.getdents(dirHandle, 0, 0, true)),
                request(Opcode.Mkdir, RequestBodies.mkdir(path("new"), 0755)),
                request(Opcode.Close, RequestBodies.close(handle, dirHandle)))) {
            assertPlacement(ch, fsid, blocking, 1);
        }
    }

    @Test
    void withInlineMetadataOffEveryFilesystemCallGoesToAWorker() {
        EmbeddedChannel ch = connect(false);
        int fsid = mount(ch, "data");
        assertPlacement(ch, fsid, request(Opcode.Stat, RequestBodies.stat(path("a/b/c/d/f5"), false)), 1);
        assertPlacement(ch, fsid, request(Opcode.Ping, RequestBodies.ping()), 0);
    }

    @Test
    void aLookupWithDelegatedCredentialsNeverRunsOnTheEventLoop() {
        EmbeddedChannel ch = connect(true);
        int deleg = mount(ch, "deleg");
        int plain = mount(ch, "data");
        Request stat = request(Opcode.Stat, RequestBodies.stat(path("a/b/c/d/f5"), false));
        send(ch, Opcode.Stat, ProtocolConstants.FLAG_CREDENTIALS, deleg, stat.body(), credentials(ROOT));
        assertEquals(1, handedOff.getAndSet(0), "a delegated STAT runs on a worker");
        // The same credentials on an export that does not delegate are ignored: the server's own.
        send(ch, Opcode.Stat, ProtocolConstants.FLAG_CREDENTIALS, plain, stat.body(), credentials(ROOT));
        assertEquals(0, handedOff.getAndSet(0), "a STAT as the server stays on the event loop");
    }

    private record Request(int opcode, ByteBuffer body) {}

    private static Request request(int opcode, ByteBuffer body) {
        return new Request(opcode, body);
    }

    private void assertPlacement(EmbeddedChannel ch, int fsid, Request r, int expectedHandOffs) {
        handedOff.set(0);
        send(ch, r.opcode(), 0, fsid, r.body(), null);
        assertEquals(expectedHandOffs, handedOff.get(), Opcode.name(r.opcode()));
    }

    private EmbeddedChannel connect(boolean inlineMetadata) {
        LiveSessions sessions = new LiveSessions();
        ConnectionSettings settings = new ConnectionSettings(Limits.DEFAULT, "placement", ConnectionLimits.DEFAULT,
                new Quota(1024), new ExportGate(Map.of("deleg", ExportPolicy.DEFAULT.withDelegation())),
                new ServerServices(ServerMetrics.prometheus(List.of("data", "deleg"), sessions), sessions));
        Dispatcher dispatcher = new Dispatcher(exports, AccessPolicy.ownerOnly(), inlineMetadata);
        EmbeddedChannel ch = new EmbeddedChannel(new ServerChannelInitializer(TransportSecurity.PLAINTEXT, settings,
                dispatcher, workers, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new Quota(16)));
        channels.add(ch);
        ByteBuffer reply = send(ch, Opcode.Hello, 0, 0, RequestBodies.hello(1, 1,
                ProtocolConstants.FEATURE_CREDENTIALS, ProtocolConstants.DEFAULT_MAX_MESSAGE, "placement"), null);
        assertEquals(0, status(reply), "HELLO");
        return ch;
    }

    private int mount(EmbeddedChannel ch, String export) {
        ByteBuffer reply = send(ch, Opcode.Mount, 0, 0, RequestBodies.mount(bytes(export)), null);
        assertEquals(0, status(reply), "MOUNT");
        handedOff.set(0);
        return (int) MountReply.getRootAsMountReply(body(reply)).fsid();
    }

    private long open(EmbeddedChannel ch, int fsid, String path, int flags) {
        ByteBuffer reply = send(ch, Opcode.Open, 0, fsid, RequestBodies.open(path(path), flags, 0), null);
        assertEquals(0, status(reply), "OPEN " + path);
        return OpenReply.getRootAsOpenReply(body(reply)).handle();
    }

    /** Sends one frame and returns the reply's header and body (its data section dropped). */
    private ByteBuffer send(EmbeddedChannel ch, int opcode, int flags, int fsid, ByteBuffer body, byte[] data) {
        int dataLength = data == null ? 0 : data.length;
        ByteBuf frame = Unpooled.buffer(ProtocolConstants.HEADER_SIZE + body.remaining() + dataLength);
        frame.writeIntLE(ProtocolConstants.HEADER_AFTER_LENGTH + body.remaining() + dataLength).writeIntLE(nextId++)
                .writeShortLE(opcode).writeShortLE(flags).writeIntLE(fsid).writeIntLE(body.remaining())
                .writeBytes(body.duplicate());
        if (data != null) {
            frame.writeBytes(data);
        }
        ch.writeInbound(frame);
        ByteBuffer reply = null;
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            if (reply == null) {
                ByteBuf head = (ByteBuf) o;
                reply = ByteBuffer.allocate(head.readableBytes()).order(ByteOrder.LITTLE_ENDIAN);
                head.getBytes(head.readerIndex(), reply);
                reply.flip();
            }
            ReferenceCountUtil.release(o);
        }
        assertEquals(true, reply != null, "a reply to " + Opcode.name(opcode));
        return reply;
    }

    private static int status(ByteBuffer reply) {
        return reply.getInt(12);
    }

    private static ByteBuffer body(ByteBuffer reply) {
        return reply.duplicate().position(ProtocolConstants.HEADER_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] credentials(Credentials who) {
        ByteBuf block = Unpooled.buffer(who.encodedLength());
        who.write(block);
        byte[] out = new byte[block.readableBytes()];
        block.readBytes(out);
        return out;
    }

    private static PathSpec path(String p) {
        List<byte[]> components = p.isEmpty() ? List.of()
                : java.util.Arrays.stream(p.split("/")).map(MetadataPlacementTest::bytes).toList();
        return new PathSpec(0, components, ResolveMode.IN_ROOT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
