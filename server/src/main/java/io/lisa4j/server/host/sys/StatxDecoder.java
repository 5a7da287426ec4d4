package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.Timestamp;
import java.lang.foreign.MemorySegment;

/** Reads struct statx and struct statfs (the LP64 Linux layouts) into protocol values. */
final class StatxDecoder {
    private StatxDecoder() {}

    static final long STATX_SIZE = 256;
    static final long STATFS_SIZE = 120;

    static FileAttr statx(MemorySegment s) {
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

    static FsStat statfs(MemorySegment s) {
        long fsid = ((long) s.get(JAVA_INT, 60) << 32) | Integer.toUnsignedLong(s.get(JAVA_INT, 56));
        return new FsStat(
                s.get(JAVA_LONG, 0),
                s.get(JAVA_LONG, 8),
                s.get(JAVA_LONG, 16),
                s.get(JAVA_LONG, 24),
                s.get(JAVA_LONG, 32),
                s.get(JAVA_LONG, 40),
                s.get(JAVA_LONG, 48),
                s.get(JAVA_LONG, 64),
                s.get(JAVA_LONG, 72),
                s.get(JAVA_LONG, 80),
                fsid);
    }
}
