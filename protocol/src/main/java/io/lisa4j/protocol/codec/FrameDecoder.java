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
    /**
     * A frame at least this long is assembled in a buffer of its exact size as its bytes arrive,
     * instead of in the cumulation: merging each read into a cumulation that a frame still in use
     * shares would copy the frame again on every read (quadratic in its length).
     */
    static final int ASSEMBLE_FROM = 64 * 1024;

    private volatile int maxMessageSize;
    private long bytesToDiscard;
    /** The large frame being assembled, header included, or null. */
    private ByteBuf assembling;

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
        if (assembling != null) {
            in.readBytes(assembling, Math.min(assembling.writableBytes(), in.readableBytes()));
            if (!assembling.isWritable()) {
                ByteBuf whole = assembling;
                assembling = null;
                try {
                    out.add(split(whole));
                } finally {
                    whole.release();
                }
            }
            return;
        }
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
        Header h = Header.at(in);
        long length = h.length();
        long bodyLength = h.bodyLength();

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
            out.add(new OversizeFrame(h.requestId(), h.opcode(), h.word(), frameSize));
            return;
        }
        if (in.readableBytes() < frameSize) {
            if (frameSize >= ASSEMBLE_FROM) {
                assembling = ctx.alloc().directBuffer((int) frameSize, (int) frameSize);
                in.readBytes(assembling, in.readableBytes());
            }
            return;
        }
        out.add(split(in));
    }

    /** Takes one whole frame, whose length the header checks above validated, from {@code in}. */
    private static Frame split(ByteBuf in) {
        Header h = Header.at(in);
        in.skipBytes(ProtocolConstants.HEADER_SIZE);
        ByteBuf body = in.readRetainedSlice((int) h.bodyLength());
        ByteBuf data = in.readRetainedSlice((int) (h.length() - ProtocolConstants.HEADER_AFTER_LENGTH - h.bodyLength()));
        return new Frame(h.requestId(), h.opcode(), h.flags(), h.word(), body, data);
    }

    /** The header fields of the frame at {@code in}'s reader index (§2), read without moving it. */
    private record Header(long length, int requestId, int opcode, int flags, int word, long bodyLength) {
        static Header at(ByteBuf in) {
            int start = in.readerIndex();
            return new Header(in.getUnsignedIntLE(start), in.getIntLE(start + 4), in.getUnsignedShortLE(start + 8),
                    in.getUnsignedShortLE(start + 10), in.getIntLE(start + 12), in.getUnsignedIntLE(start + 16));
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (assembling != null) {
            assembling.release();
            assembling = null;
        }
    }
}
