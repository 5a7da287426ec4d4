package io.lisa4j.client;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.Component;
import io.lisa4j.protocol.fb.Dirent;
import io.lisa4j.protocol.fb.FieldError;
import io.lisa4j.protocol.fb.GetdentsReply;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.StopReason;
import io.lisa4j.protocol.fb.StoppedReply;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reply handling shared by every call: status first, then the opcode's own decoder. */
final class Replies {
    private Replies() {}

    /** A body of length 0 means "every field absent" (PROTOCOL.md §2.4): an empty table reads that way. */
    private static final ByteBuffer EMPTY_TABLE = emptyTable();

    private static ByteBuffer emptyTable() {
        FlatBufferBuilder b = new FlatBufferBuilder(16);
        b.startTable(0);
        b.finish(b.endTable());
        return b.dataBuffer();
    }

    static <T> T decode(Call<T> call, Frame reply) throws IOException {
        if (reply.opcode() != call.opcode()) {
            throw new ErrnoException(Errno.EPROTO,
                    "reply opcode " + reply.opcode() + " does not echo request opcode " + call.opcode());
        }
        int status = reply.status();
        if (status == ProtocolConstants.STATUS_OK) {
            return call.decoder().decode(reply);
        }
        if (status == ProtocolConstants.STATUS_STOPPED) {
            throw stopped(reply);
        }
        if (status > 0) {
            throw new ErrnoException(status, Opcodes.name(call.opcode()));
        }
        throw new ErrnoException(Errno.EPROTO, "invalid reply status " + status);
    }

    /** The reply's body, or an empty table when it has none; positioned for getRootAs*. */
    static ByteBuffer body(Frame reply) {
        return reply.bodyLength() == 0 ? EMPTY_TABLE.duplicate() : reply.bodyBuffer();
    }

    private static StoppedException stopped(Frame reply) {
        StoppedReply s = StoppedReply.getRootAsStoppedReply(body(reply));
        StoppedException.Reason reason = s.reason() == StopReason.AboveRoot
                ? StoppedException.Reason.ABOVE_ROOT
                : StoppedException.Reason.SYMLINK;
        return new StoppedException(reason, (int) s.componentIndex(), bytes(s.targetAsByteBuffer()));
    }

    static byte[] bytes(ByteBuffer vector) {
        if (vector == null) {
            return new byte[0];
        }
        byte[] out = new byte[vector.remaining()];
        vector.get(out);
        return out;
    }

    static Negotiated hello(Frame reply) {
        HelloReply h = HelloReply.getRootAsHelloReply(body(reply));
        return new Negotiated(h.version(), h.features(), (int) h.maxMessageSize(), h.serverName(),
                (int) h.maxInFlight(), (int) h.maxComponents(), (int) h.maxNameLength());
    }

    static List<FieldFailure> failures(int count, java.util.function.IntFunction<FieldError> at) {
        List<FieldFailure> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FieldError e = at.apply(i);
            out.add(new FieldFailure((int) e.field(), e.errno()));
        }
        return List.copyOf(out);
    }

    static DirBatch dirents(Frame reply) {
        GetdentsReply g = GetdentsReply.getRootAsGetdentsReply(body(reply));
        int n = g.entriesLength();
        List<DirEntry> entries = new ArrayList<>(n);
        Dirent d = new Dirent();
        for (int i = 0; i < n; i++) {
            g.entries(d, i);
            entries.add(new DirEntry(bytes(d.nameAsByteBuffer()), d.ino(), d.type(), d.cookie(),
                    WireValues.attr(d.attr())));
        }
        return new DirBatch(entries, g.eof());
    }

    static List<XattrName> names(int count, java.util.function.IntFunction<Component> at) {
        List<XattrName> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(XattrName.of(bytes(at.apply(i).nameAsByteBuffer())));
        }
        return List.copyOf(out);
    }
}
