package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * One request ready to go: everything but the request id, which the connection picks when it
 * sends. Both the blocking and the async API build exactly one Call per method invocation.
 */
record Call<T>(int opcode, int fsid, ByteBuffer body, ByteBuf data, ReplyDecoder<T> decoder, boolean replayable) {
    Call {
        data = data == null ? Unpooled.EMPTY_BUFFER : data;
    }

    /** {@code replayable}: whether sending it twice leaves what sending it once does (see {@link Replayable}). */
    Call(int opcode, int fsid, ByteBuffer body, ByteBuf data, ReplyDecoder<T> decoder) {
        this(opcode, fsid, body, data, decoder, Replayable.request(opcode, body));
    }

    Call(int opcode, int fsid, ByteBuffer body, ReplyDecoder<T> decoder) {
        this(opcode, fsid, body, null, decoder);
    }

    long frameLength() {
        return (long) ProtocolConstants.HEADER_SIZE + body.remaining() + data.readableBytes();
    }
}
