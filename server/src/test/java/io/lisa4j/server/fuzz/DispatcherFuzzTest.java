package io.lisa4j.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.server.FdBaseline;
import io.lisa4j.server.Limits;
import io.lisa4j.server.dispatch.Dispatcher;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.metrics.ServerMetrics;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.Quota;
import io.lisa4j.server.session.LiveSessions;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.transport.ConnectionSettings;
import io.lisa4j.server.transport.ExportGate;
import io.lisa4j.server.transport.ServerChannelInitializer;
import io.lisa4j.server.transport.ServerServices;
import io.lisa4j.server.transport.TransportSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sequences of requests, mostly well-formed and aimed at real names and handles, some raw, run
 * through the server's whole pipeline (decoder, verifier, dispatcher, host backend) against a real
 * export with traps in it. After every request each descriptor the server opened must point inside
 * the export; after every input the canary outside is untouched and every descriptor is closed.
 */
class DispatcherFuzzTest {
    private static final Pattern BENIGN = Pattern.compile(
            "(socket|pipe|anon_inode):.*|.*\\.(jar|so)|/proc/\\d+/fd|.*/lib/modules");

    private static FuzzExport fx;
    private static Dispatcher dispatcher;

    private static synchronized void setUp() throws IOException {
        if (fx == null) {
            fx = new FuzzExport();
            ExportRegistry exports = ExportRegistry.open(List.of(ExportSpec.host("fz", fx.export.toString(), false)));
            dispatcher = new Dispatcher(exports, AccessPolicy.ownerOnly(), true);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void requestSequencesStayInsideTheExport(FuzzedDataProvider in) throws IOException {
        setUp();
        fx.reset();
        Map<String, String> before = FdBaseline.snapshot();
        LiveSessions sessions = new LiveSessions();
        ConnectionSettings settings = new ConnectionSettings(Limits.DEFAULT, "fuzz", ConnectionLimits.DEFAULT,
                new Quota(1024), ExportGate.defaults(),
                new ServerServices(ServerMetrics.prometheus(List.of("fz"), sessions), sessions));
        EmbeddedChannel ch = new EmbeddedChannel(new ServerChannelInitializer(TransportSecurity.PLAINTEXT, settings,
                dispatcher, Runnable::run, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new Quota(16)));
        try {
            send(ch, 1, Opcode.Hello, 0, RequestBodies.hello(1, 1, 0, ProtocolConstants.DEFAULT_MAX_MESSAGE, "fz"), null);
            send(ch, 2, Opcode.Mount, 0, RequestBodies.mount("fz".getBytes()), null);
            int steps = in.consumeInt(1, 24);
            for (int i = 0; i < steps && ch.isActive(); i++) {
                RequestGenerator.Request r = RequestGenerator.next(in, 1);
                send(ch, 10 + i, r.opcode(), r.fsid(), r.body(), r.data());
                assertDescriptorsInsideExport(before);
            }
        } finally {
            ch.close();
            ch.finishAndReleaseAll();
        }
        ch.checkException();
        fx.assertCanaryIntact();
        Map<String, String> after = FdBaseline.snapshot();
        after.forEach((fd, target) -> {
            if (!target.equals(before.get(fd)) && !BENIGN.matcher(target).matches()) {
                throw new AssertionError("descriptor " + fd + " -> " + target + " left open");
            }
        });
    }

    private static void assertDescriptorsInsideExport(Map<String, String> before) {
        Map<String, String> now;
        try {
            now = FdBaseline.snapshot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String inside = fx.export.toString();
        now.forEach((fd, target) -> {
            if (!target.equals(before.get(fd)) && !BENIGN.matcher(target).matches()
                    && !(target.equals(inside) || target.startsWith(inside + "/"))) {
                throw new AssertionError("server holds descriptor " + fd + " -> " + target + " outside the export");
            }
            if (!target.equals(before.get(fd)) && target.startsWith(inside) && !closeOnExec(fd)) {
                throw new AssertionError("host descriptor " + fd + " -> " + target + " lacks O_CLOEXEC");
            }
        });
    }

    /** The fd's flags from /proc/self/fdinfo include O_CLOEXEC (02000000 octal); a closed fd passes. */
    private static boolean closeOnExec(String fd) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/fdinfo", fd))) {
                if (line.startsWith("flags:")) {
                    return (Long.parseLong(line.substring(6).trim(), 8) & 02000000) != 0;
                }
            }
            return false;
        } catch (IOException closedMeanwhile) {
            return true;
        }
    }

    private static void send(EmbeddedChannel ch, int id, int opcode, int fsid, ByteBuffer body, byte[] data) {
        int dataLength = data == null ? 0 : data.length;
        ByteBuf frame = Unpooled.buffer(ProtocolConstants.HEADER_SIZE + body.remaining() + dataLength);
        frame.writeIntLE(ProtocolConstants.HEADER_AFTER_LENGTH + body.remaining() + dataLength).writeIntLE(id)
                .writeShortLE(opcode).writeShortLE(0).writeIntLE(fsid).writeIntLE(body.remaining())
                .writeBytes(body.duplicate());
        if (data != null) {
            frame.writeBytes(data);
        }
        ch.writeInbound(frame);
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ReferenceCountUtil.release(o);
        }
    }
}
