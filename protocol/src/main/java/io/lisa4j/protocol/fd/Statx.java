package io.lisa4j.protocol.fd;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.Timestamp;
import java.lang.foreign.MemorySegment;

/**
 * struct statx (the LP64 Linux layout) as a {@link FileAttr}: the server's attributes and those a
 * client reads from a donated descriptor come from the very same decoding.
 */
public final class Statx {
    private Statx() {}

    /** sizeof(struct statx). */
    public static final long SIZE = 256;
    /** STATX_BASIC_STATS | STATX_BTIME: everything FileAttr carries. */
    public static final int WANTED = 0xfff;

    public static FileAttr decode(MemorySegment s) {
        return new FileAttr(
                s.get(JAVA_INT, 0),
                Short.toUnsignedInt(s.get(JAVA_SHORT, 28)),
                Integer.toUnsignedLong(s.get(JAVA_INT, 16)),
                s.get(JAVA_INT, 20),
                s.get(JAVA_INT, 24),
                s.get(JAVA_INT, 4),
                s.get(JAVA_LONG, 32),
                s.get(JAVA_LONG, 40),
                s.get(JAVA_LONG, 48),
                timestamp(s, 64),
                timestamp(s, 112),
                timestamp(s, 96),
                timestamp(s, 80),
                s.get(JAVA_INT, 128),
                s.get(JAVA_INT, 132),
                s.get(JAVA_INT, 136),
                s.get(JAVA_INT, 140));
    }

    private static Timestamp timestamp(MemorySegment s, long offset) {
        return new Timestamp(s.get(JAVA_LONG, offset), s.get(JAVA_INT, offset + 8));
    }
}
