package io.lisa4j.bench;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * The data rows' access patterns, shared by every target so that local and remote rows touch the
 * same offsets: random aligned blocks, sequential chunks (each thread from its own start, wrapping),
 * and sequential writes wrapping within a per-thread file. Buffers are direct, as the server's are.
 */
final class Access {
    private Access() {}

    /** A positional read or write of a whole buffer; returns the bytes moved. */
    @FunctionalInterface
    interface Positional {
        int apply(ByteBuffer buffer, long offset) throws Exception;
    }

    static Op random(Positional read, int size, long fileBytes, int thread) {
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        Random r = new Random(thread);
        long blocks = fileBytes / size;
        return i -> read.apply(buf.clear(), r.nextLong(blocks) * size);
    }

    static Op sequential(Positional io, int size, long fileBytes, int thread) {
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        long chunks = fileBytes / size;
        return i -> io.apply(buf.clear(), ((i + thread * 7L) % chunks) * size);
    }
}
