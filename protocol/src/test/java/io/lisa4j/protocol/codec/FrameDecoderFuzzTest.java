package io.lisa4j.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;

/**
 * Arbitrary bytes, delivered in arbitrary chunks, through the frame decoder: it either emits
 * frames no larger than its maximum, reports oversize ones without buffering them, or declares
 * the stream corrupt. It never throws anything else, and every buffer it hands out is released.
 */
class FrameDecoderFuzzTest {
    private static final int MAX = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;

    @FuzzTest(maxDuration = "5s")
    void decode(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            while (data.remainingBytes() > 0) {
                int chunk = data.consumeInt(1, 4096);
                byte[] bytes = data.consumeBytes(chunk);
                if (data.consumeBoolean()) {
                    // A header claiming a length near the edges, to reach the oversize path.
                    bytes = header(data.consumeInt(), data.consumeInt(0, 64), bytes);
                }
                try {
                    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
                } catch (DecoderException corrupt) {
                    return; // the owner closes the connection
                }
                drain(channel);
            }
        } finally {
            close(channel);
        }
    }

    private static void close(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (DecoderException leftoverIsCorruptToo) {
            // Closing decodes the leftover bytes once more; a corrupt tail is reported again.
        }
    }

    private static void drain(EmbeddedChannel channel) {
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof Frame f) {
                long size = ProtocolConstants.HEADER_SIZE + (long) f.bodyLength() + f.data().readableBytes();
                assertTrue(size <= MAX, "frame of " + size + " bytes above the maximum");
                f.release();
            } else {
                assertTrue(o instanceof OversizeFrame, "unexpected " + o);
                assertTrue(((OversizeFrame) o).length() > MAX);
            }
        }
    }

    private static byte[] header(int length, int bodyLength, byte[] rest) {
        ByteBuf b = Unpooled.buffer(ProtocolConstants.HEADER_SIZE + rest.length);
        b.writeIntLE(length).writeIntLE(7).writeShortLE(16).writeShortLE(0).writeIntLE(1).writeIntLE(bodyLength)
                .writeBytes(rest);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
