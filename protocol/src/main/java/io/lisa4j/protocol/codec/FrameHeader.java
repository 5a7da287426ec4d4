package io.lisa4j.protocol.codec;

import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/** The header fields of one frame (PROTOCOL.md §2), as read from a buffer. */
public record FrameHeader(long length, int requestId, int opcode, int flags, int word, long bodyLength) {

    /** The header at {@code in}'s reader index, read without moving it; at least HEADER_SIZE bytes must be readable. */
    public static FrameHeader at(ByteBuf in) {
        int start = in.readerIndex();
        return new FrameHeader(in.getUnsignedIntLE(start), in.getIntLE(start + 4), in.getUnsignedShortLE(start + 8),
                in.getUnsignedShortLE(start + 10), in.getIntLE(start + 12), in.getUnsignedIntLE(start + 16));
    }

    /**
     * Throws when the header cannot be valid (length shorter than the header, body longer than the
     * frame): the stream is out of sync and the connection must close.
     */
    public FrameHeader checked() {
        if (length < ProtocolConstants.HEADER_AFTER_LENGTH) {
            throw new CorruptedFrameException("frame length " + length + " is shorter than the header");
        }
        if (bodyLength > length - ProtocolConstants.HEADER_AFTER_LENGTH) {
            throw new CorruptedFrameException("body length " + bodyLength + " exceeds frame length " + length);
        }
        return this;
    }

    /** The whole frame on the wire, length prefix included. */
    public long frameSize() {
        return length + 4;
    }

    public OversizeFrame oversize() {
        return new OversizeFrame(requestId, opcode, word, frameSize());
    }

    /** Takes this whole frame from {@code in} (whose reader index is at the header) as retained slices. */
    public Frame split(ByteBuf in) {
        in.skipBytes(ProtocolConstants.HEADER_SIZE);
        ByteBuf body = in.readRetainedSlice((int) bodyLength);
        ByteBuf data = in.readRetainedSlice((int) (length - ProtocolConstants.HEADER_AFTER_LENGTH - bodyLength));
        return new Frame(requestId, opcode, flags, word, body, data);
    }
}
