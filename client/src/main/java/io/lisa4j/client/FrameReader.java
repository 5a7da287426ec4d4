package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.FrameCutter;
import io.lisa4j.protocol.codec.FrameHeader;
import io.lisa4j.protocol.codec.OversizeFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.lang.foreign.MemorySegment;

/**
 * Cuts the reply stream of a {@link StreamSocket} into frames (PROTOCOL.md §2) for whichever thread
 * currently reads the connection; only one thread uses it at a time.
 *
 * <p>Each receive asks for as much as a 64 KiB buffer holds, so replies that arrive together cost
 * one system call. Frames are retained slices of that buffer; while any is still referenced the next
 * receive goes to a fresh buffer. A frame bigger than the buffer is assembled in one of its own
 * exact size, read straight from the socket. A frame over the negotiated maximum is skipped as it
 * arrives and reported as oversize, so the stream stays in sync.
 */
final class FrameReader {
    private static final int CHUNK = 64 * 1024;

    private final StreamSocket socket;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final FrameCutter cutter;
    private ByteBuf in;

    FrameReader(StreamSocket socket, int maxMessageSize) {
        this.socket = socket;
        this.cutter = new FrameCutter(maxMessageSize);
    }

    void setMaxMessageSize(int maxMessageSize) {
        cutter.setMaxMessageSize(maxMessageSize);
    }

    /**
     * Receives once and hands every whole frame that is now buffered to {@code receiver}.
     *
     * @return false when nothing arrived within the socket's poll interval
     * @throws ErrnoException when the stream ended, broke, or lost frame sync
     */
    boolean readOnce(Wire.Receiver receiver) throws ErrnoException {
        makeRoom();
        long n = socket.receive(MemorySegment.ofBuffer(in.nioBuffer(in.writerIndex(), in.writableBytes())),
                in.writableBytes());
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            throw new ErrnoException(Errno.ENOTCONN, "connection closed by the server");
        }
        in.writerIndex(in.writerIndex() + (int) n);
        try {
            deliver(receiver);
        } catch (CorruptedFrameException e) {
            ErrnoException broken = new ErrnoException(Errno.EPROTO, "reply stream out of sync");
            broken.initCause(e);
            throw broken;
        }
        return true;
    }

    private void deliver(Wire.Receiver receiver) throws ErrnoException {
        while (true) {
            Object next = cutter.next(in);
            if (next instanceof Frame frame) {
                receiver.reply(frame);
            } else if (next instanceof OversizeFrame big) {
                receiver.oversize(big);
            } else if (next instanceof FrameHeader partial && partial.frameSize() > CHUNK) {
                receiver.reply(assemble(partial, (int) partial.frameSize()));
            } else {
                return;
            }
        }
    }

    /** Reads the rest of a large frame straight into a buffer of its size. */
    private Frame assemble(FrameHeader h, int frameSize) throws ErrnoException {
        ByteBuf whole = alloc.directBuffer(frameSize, frameSize);
        try {
            whole.writeBytes(in, in.readableBytes());
            while (whole.isWritable()) {
                long n = socket.receive(MemorySegment.ofBuffer(whole.nioBuffer(whole.writerIndex(),
                        whole.writableBytes())), whole.writableBytes());
                if (n == 0) {
                    throw new ErrnoException(Errno.ENOTCONN, "connection closed by the server");
                }
                if (n < 0 && socket.isClosed()) {
                    throw new ErrnoException(Errno.ENOTCONN, "connection closed");
                }
                if (n > 0) {
                    whole.writerIndex(whole.writerIndex() + (int) n);
                }
            }
            return h.split(whole);
        } finally {
            whole.release();
        }
    }

    /**
     * Leaves room in the buffer for the frame being received: reuses it when no frame still uses
     * it, else starts a new one with the unread bytes.
     */
    private void makeRoom() {
        if (in == null) {
            in = alloc.directBuffer(CHUNK, CHUNK);
            return;
        }
        boolean shared = in.refCnt() > 1;
        if (!shared && !in.isReadable()) {
            in.clear();
            return;
        }
        int need = in.readableBytes() >= ProtocolConstants.HEADER_SIZE
                ? (int) Math.min(CHUNK, FrameHeader.at(in).frameSize())
                : ProtocolConstants.HEADER_SIZE;
        if (in.readerIndex() + need <= in.capacity() && in.isWritable()) {
            return;
        }
        if (!shared) {
            in.discardReadBytes();
            return;
        }
        ByteBuf fresh = alloc.directBuffer(CHUNK, CHUNK);
        fresh.writeBytes(in);
        in.release();
        in = fresh;
    }

    /** Gives the buffer back; called once nobody reads any more. */
    void release() {
        if (in != null) {
            in.release();
            in = null;
        }
    }
}
