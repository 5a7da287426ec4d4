package io.lisa4j.conformance.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One reply frame as it came off the wire. */
public record WireReply(int requestId, int opcode, int status, byte[] body, byte[] data) {
    /** The body as the generated FlatBuffers classes read it. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    }
}
