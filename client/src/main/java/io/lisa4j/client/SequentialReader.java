package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a file front to back as an {@link InputStream}, keeping {@code depth} PREADs of
 * {@code chunk} bytes outstanding on the handle so that the server reads the next chunks while
 * the caller consumes this one. Clearly multi-RPC: about {@code size / chunk} PREADs, pipelined.
 * On a donated descriptor it reads locally, one pread per chunk. Not thread-safe; one reader per
 * stream. Closing the reader does not close the file.
 */
public final class SequentialReader extends InputStream {
    private final AsyncRemoteFile file;
    private final int chunk;
    private final int depth;
    private final ArrayDeque<CompletableFuture<ReadCount>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    /** Chunk buffers already consumed, reused for the next PREADs: at most depth + 1 are ever allocated. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private long nextOffset;
    /** Times the chunk read next was lost with the connection in a row. */
    private int replays;
    private boolean endSeen;
    private ByteBuffer current;

    /**
     * @param chunk bytes per PREAD, clamped to what one reply carries
     * @param depth PREADs kept outstanding, at least 1
     */
    public SequentialReader(RemoteFile file, long startOffset, int chunk, int depth) {
        if (chunk < 1 || depth < 1) {
            throw new IllegalArgumentException("chunk and depth must be positive");
        }
        this.file = file.async();
        this.chunk = Math.min(chunk, this.file.maxDataPerRpc());
        this.depth = file.donated() ? 1 : depth;
        this.nextOffset = startOffset;
    }

    private void fill() {
        while (!endSeen && inFlight.size() < depth) {
            ByteBuffer buf = spare.isEmpty() ? ByteBuffer.allocateDirect(chunk) : spare.pop().clear();
            buffers.addLast(buf);
            long at = nextOffset;
            // This thread awaits every chunk itself, in order: it reads their replies while it waits.
            inFlight.addLast(file.fs().connection().submitAttended(() -> file.pread(at, buf)));
            nextOffset += chunk;
        }
    }

    /** The next chunk with bytes left, or null at end of file. */
    private ByteBuffer next() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (current != null) {
                spare.push(current);
                current = null;
            }
            fill();
            CompletableFuture<ReadCount> head = inFlight.pollFirst();
            if (head == null) {
                return null;
            }
            ByteBuffer buf = buffers.pollFirst();
            ReadCount got;
            try {
                got = Blocking.await(file.fs().connection(), head);
                replays = 0;
            } catch (ConnectionLostException lost) {
                file.fs().connection().awaitReplay(lost, replays++);
                readAgainFrom(nextOffset - (long) chunk * (inFlight.size() + 1), buf);
                continue;
            }
            if (got.count() < chunk || got.eof()) {
                // A short chunk ends the stream: later chunks were read past it and are dropped.
                endSeen = true;
                inFlight.forEach(f -> f.cancel(false));
                inFlight.clear();
                buffers.clear();
            }
            buf.flip();
            current = buf;
            if (!buf.hasRemaining() && endSeen) {
                return null;
            }
        }
        return current;
    }

    /**
     * The connection was lost with this chunk's PREAD, and with the ones after it: the session has
     * reconnected, so they are sent again from the lost chunk's offset on.
     */
    private void readAgainFrom(long offset, ByteBuffer lostChunk) {
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
        spare.push(lostChunk);
        buffers.forEach(spare::push);
        buffers.clear();
        nextOffset = offset;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = next();
        return b == null ? -1 : b.get() & 0xff;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(dst, off, n);
        return n;
    }

    /** Reads into {@code dst} (any kind of buffer); -1 at end of file. */
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(dst.remaining(), b.remaining());
        dst.put(b.slice(b.position(), n));
        b.position(b.position() + n);
        return n;
    }

    @Override
    public void close() throws ErrnoException {
        endSeen = true;
        inFlight.clear();
        buffers.clear();
        current = null;
    }
}
