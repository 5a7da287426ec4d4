package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.message.ReplyBodies;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A reply before it is framed: status, FlatBuffers body and data section (owned; released once
 * sent); or, for a call that waits for another party (a read of an empty FIFO), the promise of
 * one, which the transport sends when it completes, holding no thread meanwhile.
 */
public record Reply(int status, ByteBuffer body, ByteBuf data, CompletionStage<Reply> later) {
    private static final Reply EMPTY_OK = new Reply(ProtocolConstants.STATUS_OK, null, null);

    public Reply(int status, ByteBuffer body, ByteBuf data) {
        this(status, body, data, null);
    }

    /** The reply {@code pending} completes with; it must complete with a reply, never exceptionally. */
    public static Reply later(CompletionStage<Reply> pending) {
        return new Reply(ProtocolConstants.STATUS_OK, null, null, pending);
    }

    /** A success with an empty body, which §2.4 makes equal to a table of defaults. */
    public static Reply ok() {
        return EMPTY_OK;
    }

    /** A success whose body is an encoded reply table. */
    public static Reply ok(ByteBuffer body) {
        return ok(body, null);
    }

    /** A success with a data section (PREAD), which the reply now owns. */
    public static Reply ok(ByteBuffer body, ByteBuf data) {
        return new Reply(ProtocolConstants.STATUS_OK, body, data);
    }

    public static Reply errno(int errno) {
        return new Reply(errno, null, null);
    }

    public static Reply stopped(StoppedException e) {
        ByteBuffer body = ReplyBodies.stopped(e.reason() == StoppedException.Reason.SYMLINK, e.componentIndex(),
                e.target());
        return new Reply(ProtocolConstants.STATUS_STOPPED, body, null);
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
