package io.lisa4j.protocol.codec;

import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes header and body into one small buffer and passes the data section on as it is, so bulk
 * data reaches the socket without a copy.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<OutboundFrame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(OutboundFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundFrame frame, List<Object> out) {
        int bodyLength = frame.body().remaining();
        ByteBuf head = ctx.alloc().ioBuffer(ProtocolConstants.HEADER_SIZE + bodyLength);
        writeHeader(head, frame, bodyLength);
        head.writeBytes(frame.body().duplicate());
        out.add(head);
        if (frame.data().isReadable()) {
            out.add(frame.data());
        } else {
            frame.data().release();
        }
    }

    static void writeHeader(ByteBuf out, OutboundFrame frame, int bodyLength) {
        long length = frame.frameLength() - 4;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame too large: " + length);
        }
        out.writeIntLE((int) length);
        out.writeIntLE(frame.requestId());
        out.writeShortLE(frame.opcode());
        out.writeShortLE(frame.flags());
        out.writeIntLE(frame.word());
        out.writeIntLE(bodyLength);
    }
}
