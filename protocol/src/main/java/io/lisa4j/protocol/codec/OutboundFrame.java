package io.lisa4j.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * A frame to send: header fields, the FlatBuffers body (as produced by
 * {@code FlatBufferBuilder.dataBuffer()}) and an optional data section that is written without
 * being copied. The encoder releases {@code data}.
 */
public record OutboundFrame(int requestId, int opcode, int flags, int word, ByteBuffer body, ByteBuf data) {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    public OutboundFrame {
        body = body == null ? EMPTY : body;
        data = data == null ? Unpooled.EMPTY_BUFFER : data;
    }

    public OutboundFrame(int requestId, int opcode, int word, ByteBuffer body) {
        this(requestId, opcode, 0, word, body, null);
    }

    /** Total bytes on the wire, length prefix included. */
    public long frameLength() {
        return (long) io.lisa4j.protocol.ProtocolConstants.HEADER_SIZE + body.remaining() + data.readableBytes();
    }
}
