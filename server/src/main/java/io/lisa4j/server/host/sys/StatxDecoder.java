package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.fd.Statx;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.lang.foreign.MemorySegment;

/** Reads struct statx and struct statfs (the LP64 Linux layouts) into protocol values. */
final class StatxDecoder {
    private StatxDecoder() {}

    static final long STATX_SIZE = Statx.SIZE;
    static final long STATFS_SIZE = 120;

    static FileAttr statx(MemorySegment s) {
        return Statx.decode(s);
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
