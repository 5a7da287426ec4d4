package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.isTrue;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.conformance.wire.WireClient;
import io.lisa4j.conformance.wire.WireReply;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.protocol.fb.StatReply;
import io.lisa4j.protocol.fb.StoppedReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** §2 framing, §3 handshake, §4 requests and pipelining, §5 reply status: raw frames on the wire. */
final class WireCases {
    private WireCases() {}

    static final int MIN = ProtocolConstants.MIN_MAX_MESSAGE;

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(new Section("2")
                .add("reply echoes request id and opcode", WireCases::echoes)
                .add("reserved header flags are ignored", WireCases::flagsIgnored)
                .cases());
        all.addAll(new Section("2.2")
                .add("length below 16 closes the connection", e -> closes(e, WireClient.header(8, 5, Opcode.Ping, 0, 0)))
                .add("body_length beyond the frame closes the connection",
                        e -> closes(e, WireClient.header(16, 5, Opcode.Ping, 0, 4)))
                .cases());
        all.addAll(new Section("2.3")
                .add("oversize frame before HELLO gets EMSGSIZE and the connection survives", WireCases::oversizeBeforeHello)
                .add("oversize frame after HELLO gets EMSGSIZE and the connection survives", WireCases::oversizeAfterHello)
                .add("a frame of exactly the negotiated maximum is accepted", WireCases::exactlyMax)
                .cases());
        all.addAll(new Section("2.4")
                .add("garbage body gets EBADMSG and the connection survives", e -> badBody(e, garbage(64)))
                .add("root offset outside the body gets EBADMSG", e -> badBody(e, le(4).putInt(0x7fff0000).array()))
                .add("truncated body gets EBADMSG", WireCases::truncatedBody)
                .add("empty body means all defaults: STAT of the export root", WireCases::emptyBody)
                .cases());
        all.addAll(new Section("3")
                .add("HELLO negotiates version 1 and announces limits", WireCases::helloLimits)
                .add("negotiated maximum is the smaller offer", WireCases::helloSmallerOffer)
                .add("version range 1..5 picks 1", WireCases::helloRange)
                .add("no common version gets EPROTONOSUPPORT and a close", e -> helloRefused(e, 2, 3, MIN, Errno.EPROTONOSUPPORT))
                .add("max_message_size below 65536 gets EINVAL and a close", e -> helloRefused(e, 1, 1, MIN - 1, Errno.EINVAL))
                .add("PING before HELLO gets EPROTO and a close", e -> beforeHello(e, Opcode.Ping, RequestBodies.ping()))
                .add("MOUNT before HELLO gets EPROTO and a close",
                        e -> beforeHello(e, Opcode.Mount, RequestBodies.mount(e.target().export().getBytes())))
                .add("a second HELLO gets EPROTO and the connection stays open", WireCases::secondHello)
                .cases());
        all.addAll(new Section("3.1")
                .add("unknown feature bits are cleared in the reply", WireCases::unknownFeatures)
                .add("reply features are a subset of the offer", WireCases::noFeaturesOffered)
                .cases());
        all.addAll(new Section("4")
                .add("pipelined requests get exactly one reply each, matched by id", WireCases::pipelinedPings)
                .add("a slow request and fast ones: replies matched by id, not order", WireCases::slowThenFast)
                .add("pipelined writes: each reply's count belongs to its own request", WireCases::pipelinedWrites)
                .add("an fsid not mounted gets ENODEV", WireCases::unknownFsid)
                .add("an unknown opcode gets EOPNOTSUPP and the connection goes on", WireCases::unknownOpcode)
                .add("session requests ignore the header fsid", WireCases::sessionFsidIgnored)
                .add("a request id may be reused once answered", WireCases::idReuse)
                .cases());
        all.addAll(new Section("5")
                .add("a failed request has an empty body", WireCases::failureEmptyBody)
                .add("STOPPED carries a StoppedReply body", WireCases::stoppedBody)
                .add("a failed request changes nothing", WireCases::failureNoEffect)
                .cases());
        return all;
    }

    // ------------------------------------------------------------ helpers

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] garbage(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0xA5 ^ (i * 37));
        }
        return b;
    }

    static WireReply expectStatus(WireReply r, int status, String what) {
        eq(what + " status", status, r.status());
        return r;
    }

    static void usable(WireClient w) throws IOException {
        expectStatus(w.call(Opcode.Ping, 0, RequestBodies.ping()), 0, "PING afterwards");
    }

    static ByteBuffer statRoot() {
        return RequestBodies.stat(new io.lisa4j.protocol.value.PathSpec(0, List.of(), ResolveMode.IN_ROOT), false);
    }

    // ------------------------------------------------------------ §2

    static void echoes(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        w.send(0xCAFEBABE, Opcode.Ping, 0, RequestBodies.ping(), null);
        WireReply r = w.receive();
        eq("request_id", 0xCAFEBABE, r.requestId());
        eq("opcode", Opcode.Ping, r.opcode());
        eq("status", 0, r.status());
    }

    static void flagsIgnored(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        byte[] f = WireClient.frame(9, Opcode.Ping, 0, RequestBodies.ping(), null);
        f[10] = (byte) 0xff;
        f[11] = (byte) 0xff;
        w.sendRaw(f);
        expectStatus(w.receive(), 0, "PING with flags 0xffff");
    }

    static void closes(CaseEnv e, byte[] header) throws IOException {
        WireClient w = e.wire();
        w.sendRaw(header);
        isTrue(w.closedByServer(), "the server to close the connection after a malformed header");
    }

    static void oversizeBeforeHello(CaseEnv e) throws IOException {
        WireClient w = e.rawWire();
        int size = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE + 1024;
        byte[] frame = new byte[size];
        System.arraycopy(WireClient.header(size - 4, 77, Opcode.Hello, 0, 0), 0, frame, 0, 20);
        w.sendRaw(frame);
        WireReply r = w.receive();
        eq("reply id", 77, r.requestId());
        eq("status", Errno.EMSGSIZE.number(), r.status());
        w.hello();
    }

    static void oversizeAfterHello(CaseEnv e) throws IOException {
        WireClient w = e.rawWire();
        w.hello(MIN);
        int fsid = w.mount(e.target().export());
        w.send(31, Opcode.Stat, fsid, statRoot(), new byte[MIN]);
        WireReply r = w.receive();
        eq("reply id", 31, r.requestId());
        eq("status", Errno.EMSGSIZE.number(), r.status());
        expectStatus(w.call(Opcode.Stat, fsid, statRoot()), 0, "STAT afterwards");
    }

    static void exactlyMax(CaseEnv e) throws IOException {
        WireClient w = e.rawWire();
        w.hello(MIN);
        int fsid = w.mount(e.target().export());
        RemoteFile f = e.fs().open(e.p("f"), ProtocolConstants.O_CREAT | ProtocolConstants.O_RDWR, 0644);
        f.close();
        WireReply open = w.call(Opcode.Open, fsid, RequestBodies.open(e.spec("f", ResolveMode.IN_ROOT),
                ProtocolConstants.O_RDWR, 0));
        expectStatus(open, 0, "OPEN");
        long h = io.lisa4j.protocol.fb.OpenReply.getRootAsOpenReply(open.bodyBuffer()).handle();
        ByteBuffer body = RequestBodies.pwrite(h, 0);
        int payload = MIN - ProtocolConstants.HEADER_SIZE - body.remaining();
        WireReply r = expectStatus(w.call(Opcode.Pwrite, fsid, body, new byte[payload]), 0, "PWRITE of a 65536-byte frame");
        eq("written", (long) payload, PwriteReply.getRootAsPwriteReply(r.bodyBuffer()).written());
    }

    static void badBody(CaseEnv e, byte[] body) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        expectStatus(w.call(Opcode.Stat, fsid, ByteBuffer.wrap(body)), Errno.EBADMSG.number(), "STAT with a bad body");
        usable(w);
    }

    static void truncatedBody(CaseEnv e) throws IOException {
        ByteBuffer good = RequestBodies.stat(e.spec("some/deeper/path", ResolveMode.IN_ROOT), false);
        byte[] half = new byte[good.remaining() / 2];
        good.duplicate().get(half);
        badBody(e, half);
    }

    static void emptyBody(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        WireReply r = expectStatus(w.call(Opcode.Stat, fsid, ByteBuffer.allocate(0)), 0, "STAT with an empty body");
        eq("ino of the export root", e.fs().rootAttr().ino(), StatReply.getRootAsStatReply(r.bodyBuffer()).attr().ino());
    }

    // ------------------------------------------------------------ §3

    static void helloLimits(CaseEnv e) throws IOException {
        HelloReply h = e.rawWire().hello();
        eq("version", 1, h.version());
        isTrue(h.maxMessageSize() >= MIN && h.maxMessageSize() <= ProtocolConstants.DEFAULT_MAX_MESSAGE,
                "65536 <= max_message_size <= the offer, got " + h.maxMessageSize());
        isTrue(h.maxInFlight() >= 1, "max_in_flight >= 1, got " + h.maxInFlight());
        isTrue(h.maxComponents() >= 255, "max_components >= 255, got " + h.maxComponents());
        isTrue(h.maxNameLength() >= 1 && h.maxNameLength() <= 255, "max_name_length in 1..255, got " + h.maxNameLength());
    }

    static void helloSmallerOffer(CaseEnv e) throws IOException {
        eq("max_message_size", (long) MIN, e.rawWire().hello(MIN).maxMessageSize());
    }

    static void helloRange(CaseEnv e) throws IOException {
        WireClient w = e.rawWire();
        WireReply r = w.call(Opcode.Hello, 0, RequestBodies.hello(1, 5, 0, MIN, "range"));
        expectStatus(r, 0, "HELLO 1..5");
        eq("version", 1, HelloReply.getRootAsHelloReply(r.bodyBuffer()).version());
    }

    static void helloRefused(CaseEnv e, int min, int max, int size, Errno expected) throws IOException {
        WireClient w = e.rawWire();
        expectStatus(w.call(Opcode.Hello, 0, RequestBodies.hello(min, max, 0, size, "refused")), expected.number(), "HELLO");
        isTrue(w.closedByServer(), "the server to close the connection");
    }

    static void beforeHello(CaseEnv e, int opcode, ByteBuffer body) throws IOException {
        WireClient w = e.rawWire();
        expectStatus(w.call(opcode, 0, body), Errno.EPROTO.number(), "request before HELLO");
        isTrue(w.closedByServer(), "the server to close the connection");
    }

    static void secondHello(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        expectStatus(w.call(Opcode.Hello, 0, RequestBodies.hello(1, 1, 0, MIN, "again")), Errno.EPROTO.number(),
                "second HELLO");
        usable(w);
    }

    static void unknownFeatures(CaseEnv e) throws IOException {
        WireReply r = e.rawWire().call(Opcode.Hello, 0, RequestBodies.hello(1, 1, ~3L, MIN, "features"));
        expectStatus(r, 0, "HELLO");
        eq("unknown feature bits in the reply", 0L, HelloReply.getRootAsHelloReply(r.bodyBuffer()).features() & ~3L);
    }

    static void noFeaturesOffered(CaseEnv e) throws IOException {
        eq("features", 0L, e.rawWire().hello().features());
    }

    // ------------------------------------------------------------ §4

    static void pipelinedPings(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        Map<Integer, Integer> sent = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            int id = 1000 + i * 7919;
            w.send(id, Opcode.Ping, 0, RequestBodies.ping(), null);
            sent.put(id, Opcode.Ping);
        }
        matchReplies(w, sent);
    }

    /** Reads exactly one reply per sent id, with that id's opcode; the order is free. */
    static Map<Integer, WireReply> matchReplies(WireClient w, Map<Integer, Integer> sent) throws IOException {
        Map<Integer, WireReply> got = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            WireReply r = w.receive();
            Integer op = sent.get(r.requestId());
            isTrue(op != null, "replies only to ids that were sent, got id " + r.requestId());
            isTrue(got.put(r.requestId(), r) == null, "one reply per id, got two for " + r.requestId());
            eq("opcode of the reply to id " + r.requestId(), op, r.opcode());
        }
        return got;
    }

    static void slowThenFast(CaseEnv e) throws IOException {
        int size = 3 << 20;
        try (RemoteFile f = e.fs().open(e.p("big"), ProtocolConstants.O_CREAT | ProtocolConstants.O_RDWR, 0644)) {
            f.ftruncate(size);
        }
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        WireReply open = expectStatus(w.call(Opcode.Open, fsid,
                RequestBodies.open(e.spec("big", ResolveMode.IN_ROOT), ProtocolConstants.O_RDWR, 0)), 0, "OPEN");
        long h = io.lisa4j.protocol.fb.OpenReply.getRootAsOpenReply(open.bodyBuffer()).handle();
        Map<Integer, Integer> sent = new HashMap<>();
        w.send(500, Opcode.Fsync, fsid, RequestBodies.fsync(h, false), null);
        sent.put(500, Opcode.Fsync);
        w.send(501, Opcode.Pread, fsid, RequestBodies.pread(h, 0, size), null);
        sent.put(501, Opcode.Pread);
        for (int i = 0; i < 16; i++) {
            w.send(600 + i, Opcode.Ping, 0, RequestBodies.ping(), null);
            sent.put(600 + i, Opcode.Ping);
            w.send(700 + i, Opcode.Fstat, fsid, RequestBodies.handle(h), null);
            sent.put(700 + i, Opcode.Fstat);
        }
        Map<Integer, WireReply> got = matchReplies(w, sent);
        for (WireReply r : got.values()) {
            eq("status of reply " + r.requestId(), 0, r.status());
        }
        isTrue(got.get(501).data().length > 0, "PREAD's reply to carry its data");
        eq("FSTAT size", (long) size, io.lisa4j.protocol.fb.FstatReply.getRootAsFstatReply(got.get(700).bodyBuffer()).attr().size());
    }

    static void pipelinedWrites(CaseEnv e) throws IOException {
        e.write("w", "");
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        WireReply open = expectStatus(w.call(Opcode.Open, fsid,
                RequestBodies.open(e.spec("w", ResolveMode.IN_ROOT), ProtocolConstants.O_WRONLY, 0)), 0, "OPEN");
        long h = io.lisa4j.protocol.fb.OpenReply.getRootAsOpenReply(open.bodyBuffer()).handle();
        Map<Integer, Integer> sent = new HashMap<>();
        for (int i = 1; i <= 32; i++) {
            w.send(i * 3, Opcode.Pwrite, fsid, RequestBodies.pwrite(h, i * 100L), new byte[i]);
            sent.put(i * 3, Opcode.Pwrite);
        }
        for (WireReply r : matchReplies(w, sent).values()) {
            eq("written by request " + r.requestId(), (long) (r.requestId() / 3),
                    PwriteReply.getRootAsPwriteReply(r.bodyBuffer()).written());
        }
    }

    static void unknownFsid(CaseEnv e) throws IOException {
        expectStatus(e.wire().call(Opcode.Stat, 0x7ffffff0, statRoot()), Errno.ENODEV.number(), "STAT on an unmounted fsid");
    }

    static void unknownOpcode(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        for (int op : new int[] {15, 63, 127, 200, 65535}) {
            expectStatus(w.call(op, fsid, ByteBuffer.allocate(0)), Errno.EOPNOTSUPP.number(), "opcode " + op);
        }
        usable(w);
    }

    static void sessionFsidIgnored(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        expectStatus(w.call(Opcode.Ping, 12345, RequestBodies.ping()), 0, "PING with fsid 12345");
        expectStatus(w.call(Opcode.Mount, 999, RequestBodies.mount(e.target().export().getBytes())), 0,
                "MOUNT with fsid 999");
    }

    static void idReuse(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        for (int i = 0; i < 3; i++) {
            w.send(7, Opcode.Ping, 0, RequestBodies.ping(), null);
            WireReply r = w.receive();
            eq("request_id", 7, r.requestId());
            eq("status", 0, r.status());
        }
    }

    // ------------------------------------------------------------ §5

    static void failureEmptyBody(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        WireReply r = w.call(Opcode.Stat, fsid, RequestBodies.stat(e.spec("missing", ResolveMode.IN_ROOT), false));
        eq("status", Errno.ENOENT.number(), r.status());
        eq("body length", 0, r.body().length);
        eq("data length", 0, r.data().length);
    }

    static void stoppedBody(CaseEnv e) throws IOException {
        e.fs().symlink("target-of-link", e.p("l"));
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        WireReply r = w.call(Opcode.Stat, fsid, RequestBodies.stat(e.spec("l/x", ResolveMode.STOP), false));
        eq("status", ProtocolConstants.STATUS_STOPPED, r.status());
        StoppedReply s = StoppedReply.getRootAsStoppedReply(r.bodyBuffer());
        eq("reason", (int) io.lisa4j.protocol.fb.StopReason.Symlink, s.reason());
        eq("component_index", (long) e.depth(), s.componentIndex());
        byte[] target = new byte[s.targetLength()];
        s.targetAsByteBuffer().get(target);
        eq("target", "target-of-link".getBytes(), target);
    }

    static void failureNoEffect(CaseEnv e) throws IOException {
        e.write("a", "A");
        e.write("b", "B");
        io.lisa4j.conformance.run.Check.errno(Errno.EEXIST, () -> e.fs().rename(e.path("a"), e.path("b"),
                ProtocolConstants.RENAME_NOREPLACE));
        eq("a", "A", e.read("a"));
        eq("b", "B", e.read("b"));
    }
}
