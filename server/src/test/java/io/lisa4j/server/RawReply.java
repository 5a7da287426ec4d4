package io.lisa4j.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A reply frame as it came off the socket. */
record RawReply(int requestId, int opcode, int status, byte[] body, byte[] data) {
    ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    }
}
