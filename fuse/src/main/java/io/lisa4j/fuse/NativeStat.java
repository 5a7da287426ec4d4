package io.lisa4j.fuse;

import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.Timestamp;
import java.lang.foreign.MemorySegment;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.timespec;

/** Fills a kernel {@code struct stat} from the server's attributes, every field of it. */
final class NativeStat {
    /** DT_* of a directory entry to the S_IF* type bits. */
    private static final int DT_SHIFT = 12;

    private NativeStat() {}

    static void fill(MemorySegment s, FileAttr a) {
        stat.st_dev(s, dev(a.devMajor(), a.devMinor()));
        stat.st_ino(s, a.ino());
        stat.st_nlink(s, a.nlink());
        stat.st_mode(s, a.mode());
        stat.st_uid(s, a.uid());
        stat.st_gid(s, a.gid());
        stat.st_rdev(s, dev(a.rdevMajor(), a.rdevMinor()));
        stat.st_size(s, a.size());
        stat.st_blksize(s, a.blksize());
        stat.st_blocks(s, a.blocks());
        time(stat.st_atim(s), a.atime());
        time(stat.st_mtim(s), a.mtime());
        time(stat.st_ctim(s), a.ctime());
    }

    /** What a plain readdir knows of an entry: its inode number and type. */
    static void fillType(MemorySegment s, long ino, int dtype) {
        stat.st_ino(s, ino);
        stat.st_mode(s, dtype << DT_SHIFT);
    }

    private static void time(MemorySegment ts, Timestamp t) {
        timespec.tv_sec(ts, t.seconds());
        timespec.tv_nsec(ts, t.nanos());
    }

    /** glibc's makedev(3). */
    static long dev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    static int major(long dev) {
        return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL));
    }

    static int minor(long dev) {
        return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0xffL));
    }
}
