package io.lisa4j.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One decoded frame. {@code word} is the fsid in a request and the status in a reply
 * (PROTOCOL.md §2). The body and data are zero-copy slices of the received buffer: release the
 * frame once the body has been decoded, and never keep a FlatBuffers view past that point.
 */
public final class Frame extends AbstractReferenceCounted {
    private final int requestId;
    private final int opcode;
    private final int flags;
    private final int word;
    private final ByteBuf body;
    private final ByteBuf data;

    public Frame(int requestId, int opcode, int flags, int word, ByteBuf body, ByteBuf data) {
        this.requestId = requestId;
        this.opcode = opcode;
        this.flags = flags;
        this.word = word;
        this.body = body;
        this.data = data;
    }

    public int requestId() {
        return requestId;
    }

    public int opcode() {
        return opcode;
    }

    public int flags() {
        return flags;
    }

    /** The fsid of a request. */
    public int fsid() {
        return word;
    }

    /** The status of a reply: 0, a positive errno, or STATUS_STOPPED. */
    public int status() {
        return word;
    }

    /** The FlatBuffers body as a little-endian ByteBuffer positioned at its root offset. */
    public ByteBuffer bodyBuffer() {
        return body.nioBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public int bodyLength() {
        return body.readableBytes();
    }

    /** The raw data section (PWRITE payload, PREAD result); empty when the frame has none. */
    public ByteBuf data() {
        return data;
    }

    @Override
    protected void deallocate() {
        body.release();
        data.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        body.touch(hint);
        data.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Frame[id=" + requestId + ", op=" + opcode + ", word=" + word + ", body=" + body.readableBytes()
                + ", data=" + data.readableBytes() + "]";
    }
}
