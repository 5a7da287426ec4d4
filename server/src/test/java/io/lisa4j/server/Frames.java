package io.lisa4j.server;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Whole frames as bytes, for peers that write them by hand. */
final class Frames {
    private Frames() {}

    static byte[] helloFrame() {
        return frame(1, Opcode.Hello, Bodies.hello(1, 1, 0, ProtocolConstants.DEFAULT_MAX_MESSAGE));
    }

    static byte[] pingFrame() {
        return frame(2, Opcode.Ping, ByteBuffer.allocate(0));
    }

    static byte[] frame(int id, int opcode, ByteBuffer body) {
        ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + body.remaining())
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + body.remaining()).putInt(id).putShort((short) opcode)
                .putShort((short) 0).putInt(0).putInt(body.remaining()).put(body.duplicate());
        return frame.array();
    }
}
