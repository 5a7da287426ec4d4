package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.FileIo;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The host syscalls, one method each, with Linux semantics. A failure throws
 * {@link ErrnoException} with the kernel's errno. Names and paths are raw bytes without NUL;
 * every buffer lives in a confined arena for the duration of one call.
 */
public final class Sys {
    private Sys() {}

    public static final int AT_FDCWD = -100;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int SEEK_SET = 0;
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    /** STATX_BASIC_STATS | STATX_BTIME: everything FileAttr carries. */
    private static final int STATX_WANTED = 0xfff;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final long OPEN_HOW_SIZE = 24;
    /** XATTR_SIZE_MAX and XATTR_LIST_MAX: the kernel never returns more. */
    public static final int XATTR_MAX = 64 * 1024;
    /** PATH_MAX, so a symlink target (at most 4095 bytes) always fits. */
    private static final int PATH_MAX = 4096;

    public static int openat(int dirfd, byte[] path, int flags, int mode) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            return (int) Call.run(a, st -> (int) Native.OPENAT().invokeExact(st, dirfd, p, flags, mode));
        }
    }

    public static int openat2(int dirfd, byte[] path, long flags, long mode, long resolve) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            MemorySegment how = a.allocate(OPEN_HOW_SIZE, 8);
            how.set(JAVA_LONG, 0, flags);
            how.set(JAVA_LONG, 8, mode);
            how.set(JAVA_LONG, 16, resolve);
            return (int) Call.run(a, st -> (long) Native.SYSCALL4().invokeExact(
                    st, Native.SYS_OPENAT2, (long) dirfd, p.address(), how.address(), OPEN_HOW_SIZE));
        }
    }

    public static void close(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Call.run(a, st -> (int) Native.CLOSE().invokeExact(st, fd));
        }
    }

    public static int dupCloexec(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            return (int) Call.run(a, st -> (int) Native.DUPFD().invokeExact(st, fd, F_DUPFD_CLOEXEC, 0));
        }
    }

    public static FileAttr statx(int dirfd, byte[] path, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            MemorySegment buf = a.allocate(StatxDecoder.STATX_SIZE, 8);
            Call.run(a, st -> (int) Native.STATX().invokeExact(st, dirfd, p, flags, STATX_WANTED, buf));
            return StatxDecoder.statx(buf);
        }
    }

    /** statx of the file the descriptor refers to (a symlink itself for an O_PATH|O_NOFOLLOW one). */
    public static FileAttr fstat(int fd) throws ErrnoException {
        return statx(fd, new byte[0], AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
    }

    public static FsStat fstatfs(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(StatxDecoder.STATFS_SIZE, 8);
            Call.run(a, st -> (int) Native.FSTATFS().invokeExact(st, fd, buf));
            return StatxDecoder.statfs(buf);
        }
    }

    /** One getdents64 call with a buffer of {@code bufferSize} bytes; empty at end of directory. */
    public static List<RawDirent> getdents64(int fd, int bufferSize) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(bufferSize, 8);
            long n = Call.run(a, st -> (long) Native.GETDENTS64().invokeExact(st, fd, buf, (long) bufferSize));
            List<RawDirent> out = new ArrayList<>();
            for (long pos = 0; pos < n; ) {
                int reclen = Short.toUnsignedInt(buf.get(JAVA_SHORT, pos + 16));
                long nameStart = pos + 19;
                long nameEnd = nameStart;
                while (buf.get(JAVA_BYTE, nameEnd) != 0) {
                    nameEnd++;
                }
                byte[] name = Call.bytes(buf.asSlice(nameStart), nameEnd - nameStart);
                out.add(new RawDirent(name, buf.get(JAVA_LONG, pos), buf.get(JAVA_LONG, pos + 8),
                        Byte.toUnsignedInt(buf.get(JAVA_BYTE, pos + 18))));
                pos += reclen;
            }
            return out;
        }
    }

    public static long lseek(int fd, long offset, int whence) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            return Call.run(a, st -> (long) Native.LSEEK().invokeExact(st, fd, offset, whence));
        }
    }

    /** pread64 into {@code dst} from its position; advances the position by the count read. */
    public static int pread(int fd, ByteBuffer dst, long offset) throws ErrnoException {
        return FileIo.pread(fd, dst, offset);
    }

    /** pwrite64 of {@code src} from its position; advances the position by the count written. */
    public static int pwrite(int fd, ByteBuffer src, long offset) throws ErrnoException {
        return FileIo.pwrite(fd, src, offset);
    }

    public static void fsync(int fd, boolean dataOnly) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            if (dataOnly) {
                Call.run(a, st -> (int) Native.FDATASYNC().invokeExact(st, fd));
            } else {
                Call.run(a, st -> (int) Native.FSYNC().invokeExact(st, fd));
            }
        }
    }

    public static void ftruncate(int fd, long size) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Call.run(a, st -> (int) Native.FTRUNCATE().invokeExact(st, fd, size));
        }
    }

    public static void fallocate(int fd, int mode, long offset, long length) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Call.run(a, st -> (int) Native.FALLOCATE().invokeExact(st, fd, mode, offset, length));
        }
    }

    public static void mkdirat(int dirfd, byte[] name, int mode) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, name);
            Call.run(a, st -> (int) Native.MKDIRAT().invokeExact(st, dirfd, p, mode));
        }
    }

    public static void mknodat(int dirfd, byte[] name, int mode, long dev) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, name);
            Call.run(a, st -> (int) Native.MKNODAT().invokeExact(st, dirfd, p, mode, dev));
        }
    }

    public static void symlinkat(byte[] target, int dirfd, byte[] name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = Call.cString(a, target);
            MemorySegment p = Call.cString(a, name);
            Call.run(a, st -> (int) Native.SYMLINKAT().invokeExact(st, t, dirfd, p));
        }
    }

    public static void linkat(int oldDirfd, byte[] oldPath, int newDirfd, byte[] newName, int flags)
            throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment o = Call.cString(a, oldPath);
            MemorySegment n = Call.cString(a, newName);
            Call.run(a, st -> (int) Native.LINKAT().invokeExact(st, oldDirfd, o, newDirfd, n, flags));
        }
    }

    public static byte[] readlinkat(int dirfd, byte[] path) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            MemorySegment buf = a.allocate(PATH_MAX);
            long n = Call.run(a, st -> (long) Native.READLINKAT().invokeExact(st, dirfd, p, buf, (long) PATH_MAX));
            return Call.bytes(buf, n);
        }
    }

    public static void unlinkat(int dirfd, byte[] name, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, name);
            Call.run(a, st -> (int) Native.UNLINKAT().invokeExact(st, dirfd, p, flags));
        }
    }

    public static void renameat2(int oldDirfd, byte[] oldName, int newDirfd, byte[] newName, int flags)
            throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment o = Call.cString(a, oldName);
            MemorySegment n = Call.cString(a, newName);
            Call.run(a, st -> (long) Native.SYSCALL5().invokeExact(st, Native.SYS_RENAMEAT2,
                    (long) oldDirfd, o.address(), (long) newDirfd, n.address(), (long) flags));
        }
    }

    public static void fchmodat(int dirfd, byte[] path, int mode, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            Call.run(a, st -> (int) Native.FCHMODAT().invokeExact(st, dirfd, p, mode, flags));
        }
    }

    public static void fchownat(int dirfd, byte[] path, int uid, int gid, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            Call.run(a, st -> (int) Native.FCHOWNAT().invokeExact(st, dirfd, p, uid, gid, flags));
        }
    }

    /** utimensat with {atime, mtime}; a nanosecond field may be {@link #UTIME_NOW} or {@link #UTIME_OMIT}. */
    public static void utimensat(int dirfd, byte[] path, long atimeSec, long atimeNsec, long mtimeSec,
            long mtimeNsec, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            MemorySegment times = a.allocate(JAVA_LONG, 4);
            times.setAtIndex(JAVA_LONG, 0, atimeSec);
            times.setAtIndex(JAVA_LONG, 1, atimeNsec);
            times.setAtIndex(JAVA_LONG, 2, mtimeSec);
            times.setAtIndex(JAVA_LONG, 3, mtimeNsec);
            Call.run(a, st -> (int) Native.UTIMENSAT().invokeExact(st, dirfd, p, times, flags));
        }
    }

    public static void faccessat2(int dirfd, byte[] path, int mode, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = Call.cString(a, path);
            Call.run(a, st -> (long) Native.SYSCALL4().invokeExact(st, Native.SYS_FACCESSAT2,
                    (long) dirfd, p.address(), (long) mode, (long) flags));
        }
    }

    /** Sets the process umask and returns the previous one. */
    public static int umask(int mask) {
        try (Arena a = Arena.ofConfined()) {
            return (int) Call.run(a, st -> (int) Native.UMASK().invokeExact(st, mask));
        } catch (ErrnoException e) {
            throw new IllegalStateException("umask cannot fail", e);
        }
    }
}
