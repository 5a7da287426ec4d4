package io.lisa4j.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s (PROTOCOL.md §2).
 *
 * <p>A frame longer than the current maximum is not buffered: its header is reported as an
 * {@link OversizeFrame} and its remaining bytes are discarded as they arrive, so one bad request
 * costs no memory and leaves the connection usable. A header that cannot be valid (length shorter
 * than the header, body longer than the frame) means the stream is out of sync, and the decoder
 * throws {@link io.netty.handler.codec.CorruptedFrameException}; the owner closes the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /**
     * A frame at least this long is assembled in a buffer of its exact size as its bytes arrive,
     * instead of in the cumulation: merging each read into a cumulation that a frame still in use
     * shares would copy the frame again on every read (quadratic in its length).
     */
    static final int ASSEMBLE_FROM = 64 * 1024;

    private final FrameCutter cutter;
    /** The large frame being assembled, header included, or null. */
    private ByteBuf assembling;

    public FrameDecoder(int maxMessageSize) {
        this.cutter = new FrameCutter(maxMessageSize);
    }

    /** Applies a newly negotiated limit to the frames that follow. */
    public void setMaxMessageSize(int maxMessageSize) {
        cutter.setMaxMessageSize(maxMessageSize);
    }

    public int maxMessageSize() {
        return cutter.maxMessageSize();
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
        Object next = cutter.next(in);
        if (next instanceof FrameHeader partial) {
            if (partial.frameSize() >= ASSEMBLE_FROM) {
                assembling = ctx.alloc().directBuffer((int) partial.frameSize(), (int) partial.frameSize());
                in.readBytes(assembling, in.readableBytes());
            }
        } else if (next != null) {
            out.add(next);
        }
    }

    /** Takes one whole frame, whose length the header checks above validated, from {@code in}. */
    private static Frame split(ByteBuf in) {
        return FrameHeader.at(in).split(in);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (assembling != null) {
            assembling.release();
            assembling = null;
        }
    }
}
