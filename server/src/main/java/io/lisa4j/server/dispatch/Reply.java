package io.lisa4j.server.dispatch;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.fb.StopReason;
import io.lisa4j.protocol.fb.StoppedReply;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** A reply before it is framed: status, FlatBuffers body and data section (owned; released once sent). */
public record Reply(int status, ByteBuffer body, ByteBuf data) {
    private static final Reply EMPTY_OK = new Reply(ProtocolConstants.STATUS_OK, null, null);

    /** A success with an empty body, which §2.4 makes equal to a table of defaults. */
    public static Reply ok() {
        return EMPTY_OK;
    }

    /** A success whose body is the table at {@code root} in {@code b}. */
    public static Reply ok(FlatBufferBuilder b, int root) {
        return ok(b, root, null);
    }

    public static Reply ok(FlatBufferBuilder b, int root, ByteBuf data) {
        b.finish(root);
        return new Reply(ProtocolConstants.STATUS_OK, b.dataBuffer(), data);
    }

    public static Reply errno(int errno) {
        return new Reply(errno, null, null);
    }

    public static Reply stopped(StoppedException e) {
        FlatBufferBuilder b = new FlatBufferBuilder(64 + e.target().length);
        int target = StoppedReply.createTargetVector(b, e.target());
        int reason = e.reason() == StoppedException.Reason.SYMLINK ? StopReason.Symlink : StopReason.AboveRoot;
        int root = StoppedReply.createStoppedReply(b, reason, e.componentIndex(), target);
        b.finish(root);
        return new Reply(ProtocolConstants.STATUS_STOPPED, b.dataBuffer(), null);
    }

    public long frameLength() {
        return ProtocolConstants.HEADER_SIZE + (body == null ? 0 : body.remaining())
                + (data == null ? 0 : data.readableBytes());
    }

    public OutboundFrame toFrame(int requestId, int opcode) {
        ByteBuffer frameBody = body == null ? null : body.duplicate();
        return new OutboundFrame(requestId, opcode, 0, status, frameBody, data);
    }

    /** Frees the data section of a reply that will not be sent. */
    public void discard() {
        if (data != null) {
            data.release();
        }
    }
}
