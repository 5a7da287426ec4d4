package io.lisa4j.protocol.codec;

import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s (PROTOCOL.md §2).
 *
 * <p>A frame longer than the current maximum is not buffered: its header is reported as an
 * {@link OversizeFrame} and its remaining bytes are discarded as they arrive, so one bad request
 * costs no memory and leaves the connection usable. A header that cannot be valid (length shorter
 * than the header, body longer than the frame) means the stream is out of sync, and the decoder
 * throws {@link CorruptedFrameException}; the owner closes the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private volatile int maxMessageSize;
    private long bytesToDiscard;

    public FrameDecoder(int maxMessageSize) {
        setMaxMessageSize(maxMessageSize);
    }

    /** Applies a newly negotiated limit to the frames that follow. */
    public void setMaxMessageSize(int maxMessageSize) {
        if (maxMessageSize < ProtocolConstants.HEADER_SIZE) {
            throw new IllegalArgumentException("max message size " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (bytesToDiscard > 0) {
            int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(skip);
            bytesToDiscard -= skip;
            if (bytesToDiscard > 0) {
                return;
            }
        }
        if (in.readableBytes() < ProtocolConstants.HEADER_SIZE) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedIntLE(start);
        int requestId = in.getIntLE(start + 4);
        int opcode = in.getUnsignedShortLE(start + 8);
        int flags = in.getUnsignedShortLE(start + 10);
        int word = in.getIntLE(start + 12);
        long bodyLength = in.getUnsignedIntLE(start + 16);

        if (length < ProtocolConstants.HEADER_AFTER_LENGTH) {
            throw new CorruptedFrameException("frame length " + length + " is shorter than the header");
        }
        if (bodyLength > length - ProtocolConstants.HEADER_AFTER_LENGTH) {
            throw new CorruptedFrameException("body length " + bodyLength + " exceeds frame length " + length);
        }
        long frameSize = length + 4;
        if (frameSize > maxMessageSize) {
            in.skipBytes(ProtocolConstants.HEADER_SIZE);
            bytesToDiscard = frameSize - ProtocolConstants.HEADER_SIZE;
            int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(skip);
            bytesToDiscard -= skip;
            out.add(new OversizeFrame(requestId, opcode, word, frameSize));
            return;
        }
        if (in.readableBytes() < frameSize) {
            return;
        }
        in.skipBytes(ProtocolConstants.HEADER_SIZE);
        ByteBuf body = in.readRetainedSlice((int) bodyLength);
        ByteBuf data = in.readRetainedSlice((int) (length - ProtocolConstants.HEADER_AFTER_LENGTH - bodyLength));
        out.add(new Frame(requestId, opcode, flags, word, body, data));
    }
}
