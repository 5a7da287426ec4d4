package io.lisa4j.protocol.codec;

import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;

/**
 * Finds frame boundaries in a received byte stream (PROTOCOL.md §2), shared by every reader of
 * frames. A frame longer than the current maximum is skipped as its bytes arrive and reported as an
 * {@link OversizeFrame}, so one bad frame costs no memory and the stream stays in sync. A header
 * that cannot be valid throws {@link io.netty.handler.codec.CorruptedFrameException}.
 */
public final class FrameCutter {
    private volatile int maxMessageSize;
    private long bytesToDiscard;

    public FrameCutter(int maxMessageSize) {
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

    /**
     * The next item at {@code in}'s reader index: a whole {@link Frame} (taken from {@code in} as
     * retained slices), an {@link OversizeFrame} (its bytes skipped or to be skipped), the
     * {@link FrameHeader} of a frame not yet fully received (nothing taken), or null when not even
     * a header is buffered.
     */
    public Object next(ByteBuf in) {
        if (bytesToDiscard > 0) {
            int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(skip);
            bytesToDiscard -= skip;
            if (bytesToDiscard > 0) {
                return null;
            }
        }
        if (in.readableBytes() < ProtocolConstants.HEADER_SIZE) {
            return null;
        }
        FrameHeader h = FrameHeader.at(in).checked();
        long frameSize = h.frameSize();
        if (frameSize > maxMessageSize) {
            in.skipBytes(ProtocolConstants.HEADER_SIZE);
            bytesToDiscard = frameSize - ProtocolConstants.HEADER_SIZE;
            int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
            in.skipBytes(skip);
            bytesToDiscard -= skip;
            return h.oversize();
        }
        if (in.readableBytes() < frameSize) {
            return h;
        }
        return h.split(in);
    }
}
