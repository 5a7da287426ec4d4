package io.lisa4j.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.StatRequest;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real FrameDecoder and FrameEncoder on an EmbeddedChannel (PROTOCOL.md §2). */
class FrameCodecTest {
    private static final int MAX = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));

    @AfterEach
    void close() {
        try {
            channel.finishAndReleaseAll();
        } catch (CorruptedFrameException expected) {
            // Closing hands the unread corrupt bytes to the decoder once more; it rejects them again.
        }
    }

    /** A frame as bytes on the wire, header written by hand so the test does not trust the encoder. */
    private static ByteBuf frame(int requestId, int opcode, int word, byte[] body, byte[] data) {
        ByteBuf b = Unpooled.buffer();
        b.writeIntLE(ProtocolConstants.HEADER_AFTER_LENGTH + body.length + data.length);
        b.writeIntLE(requestId);
        b.writeShortLE(opcode);
        b.writeShortLE(0);
        b.writeIntLE(word);
        b.writeIntLE(body.length);
        b.writeBytes(body);
        b.writeBytes(data);
        return b;
    }

    private static byte[] statBody() {
        ByteBuffer body = RequestBodies.stat(new PathSpec(0, List.of(new byte[] {'a', (byte) 0xff}),
                ResolveMode.STOP), true);
        byte[] out = new byte[body.remaining()];
        body.get(out);
        return out;
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), out);
        return out;
    }

    @Test
    void decodesHeaderBodyAndData() {
        byte[] body = statBody();
        byte[] data = {1, 2, 3, (byte) 0xff};
        channel.writeInbound(frame(0xdeadbeef, Opcode.Stat, -1, body, data));
        Frame f = channel.readInbound();
        try {
            assertEquals(0xdeadbeef, f.requestId());
            assertEquals(Opcode.Stat, f.opcode());
            assertEquals(-1, f.status());
            assertEquals(body.length, f.bodyLength());
            assertArrayEquals(data, bytes(f.data()));
            assertTrue(StatRequest.getRootAsStatRequest(f.bodyBuffer()).nofollow());
        } finally {
            f.release();
        }
    }

    @Test
    void partialFramesByteByByte() {
        byte[] body = statBody();
        ByteBuf wire = frame(7, Opcode.Stat, 3, body, new byte[] {9});
        wire.writeBytes(frame(8, Opcode.Ping, 0, new byte[0], new byte[0]));
        int total = wire.readableBytes();
        int firstEnd = ProtocolConstants.HEADER_SIZE + body.length + 1;
        for (int i = 0; i < total; i++) {
            channel.writeInbound(wire.readRetainedSlice(1));
            Object out = channel.readInbound();
            if (i == firstEnd - 1) {
                Frame f = assertInstanceOf(Frame.class, out);
                assertEquals(7, f.requestId());
                assertEquals(3, f.fsid());
                f.release();
            } else if (i == total - 1) {
                Frame f = assertInstanceOf(Frame.class, out);
                assertEquals(8, f.requestId());
                assertEquals(0, f.bodyLength());
                f.release();
            } else {
                assertNull(out, "nothing before byte " + i + " completes a frame");
            }
        }
        wire.release();
    }

    @Test
    void largeFrameArrivingInPiecesIsAssembledWhole() {
        byte[] data = new byte[MAX - ProtocolConstants.HEADER_SIZE - 3];
        new java.util.Random(3).nextBytes(data);
        ByteBuf wire = frame(11, Opcode.Pwrite, 0, new byte[] {1, 2, 3}, data);
        wire.writeBytes(frame(12, Opcode.Ping, 0, new byte[0], new byte[0]));
        List<Frame> got = new java.util.ArrayList<>();
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(1000, wire.readableBytes())));
            for (Object o; (o = channel.readInbound()) != null; ) {
                got.add(assertInstanceOf(Frame.class, o));
            }
        }
        wire.release();
        assertEquals(2, got.size());
        assertEquals(11, got.get(0).requestId());
        assertEquals(3, got.get(0).bodyLength());
        assertArrayEquals(data, bytes(got.get(0).data()));
        assertEquals(12, got.get(1).requestId());
        got.forEach(Frame::release);
    }

    @Test
    void oversizeFrameIsReportedAndSkippedAndTheNextOneStillDecodes() {
        byte[] hugeData = new byte[MAX];
        ByteBuf wire = frame(41, Opcode.Pwrite, 5, new byte[0], hugeData);
        wire.writeBytes(frame(42, Opcode.Ping, 0, new byte[0], new byte[0]));
        // Arrive in uneven chunks so the decoder must keep discarding across reads.
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(10_007, wire.readableBytes())));
        }
        wire.release();
        OversizeFrame big = assertInstanceOf(OversizeFrame.class, channel.readInbound());
        assertEquals(41, big.requestId());
        assertEquals(Opcode.Pwrite, big.opcode());
        assertEquals(5, big.word());
        assertEquals(ProtocolConstants.HEADER_SIZE + MAX, big.length());
        Frame next = assertInstanceOf(Frame.class, channel.readInbound());
        assertEquals(42, next.requestId());
        next.release();
        assertNull(channel.readInbound());
    }

    @Test
    void frameOfExactlyTheMaximumIsAccepted() {
        byte[] data = new byte[MAX - ProtocolConstants.HEADER_SIZE];
        channel.writeInbound(frame(1, Opcode.Pread, 0, new byte[0], data));
        Frame f = assertInstanceOf(Frame.class, channel.readInbound());
        assertEquals(data.length, f.data().readableBytes());
        f.release();
    }

    @Test
    void lengthShorterThanTheHeaderIsCorrupt() {
        ByteBuf bad = Unpooled.buffer();
        bad.writeIntLE(ProtocolConstants.HEADER_AFTER_LENGTH - 1);
        bad.writeZero(ProtocolConstants.HEADER_SIZE);
        assertThrows(CorruptedFrameException.class, () -> channel.writeInbound(bad));
    }

    @Test
    void bodyLongerThanTheFrameIsCorrupt() {
        ByteBuf bad = frame(1, Opcode.Stat, 0, new byte[4], new byte[0]);
        bad.setIntLE(16, 5);
        assertThrows(CorruptedFrameException.class, () -> channel.writeInbound(bad));
    }

    @Test
    void garbageHeaderIsCorrupt() {
        ByteBuf garbage = Unpooled.buffer();
        garbage.writeIntLE(64);
        garbage.writeIntLE(1);
        garbage.writeIntLE(0);
        garbage.writeIntLE(0);
        garbage.writeIntLE(0xffff_fff0); // body length far beyond the frame
        assertThrows(CorruptedFrameException.class, () -> channel.writeInbound(garbage));
    }

    @Test
    void raisedLimitAppliesToLaterFrames() {
        FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
        decoder.setMaxMessageSize(4 * MAX);
        channel.writeInbound(frame(3, Opcode.Pread, 0, new byte[0], new byte[2 * MAX]));
        Frame f = assertInstanceOf(Frame.class, channel.readInbound());
        assertEquals(2 * MAX, f.data().readableBytes());
        f.release();
    }

    @Test
    void encoderWritesWhatTheDecoderReadsAndPassesTheDataSectionUncopied() {
        EmbeddedChannel out = new EmbeddedChannel(FrameEncoder.INSTANCE);
        byte[] body = statBody();
        ByteBuf data = Unpooled.wrappedBuffer(new byte[] {5, 6, 7});
        assertTrue(out.writeOutbound(new OutboundFrame(99, Opcode.Pwrite, 0, 12, ByteBuffer.wrap(body), data)));
        ByteBuf head = out.readOutbound();
        ByteBuf dataOut = out.readOutbound();
        assertEquals(data, dataOut, "the data section travels as its own buffer");
        assertFalse(out.finish());

        channel.writeInbound(head, dataOut);
        Frame f = channel.readInbound();
        assertEquals(99, f.requestId());
        assertEquals(Opcode.Pwrite, f.opcode());
        assertEquals(12, f.fsid());
        assertArrayEquals(body, bytes(Unpooled.wrappedBuffer(f.bodyBuffer())));
        assertArrayEquals(new byte[] {5, 6, 7}, bytes(f.data()));
        f.release();
    }
}
