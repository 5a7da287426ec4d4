package io.lisa4j.server.host.sys;

import io.lisa4j.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Extended-attribute syscalls. A target is either an open descriptor (the f* calls) or a path,
 * which the backend only ever builds as "/proc/self/fd/N" to reach the object behind an O_PATH
 * descriptor: the f* calls refuse O_PATH descriptors with EBADF. Values and lists are read
 * into a buffer of {@link Sys#XATTR_MAX} bytes, the kernel's own limit.
 */
public final class Xattrs {
    private Xattrs() {}

    /** The object an xattr call acts on: exactly one of {@code fd} (≥ 0) or {@code path}. */
    public record Target(int fd, byte[] path) {
        public static Target descriptor(int fd) {
            return new Target(fd, null);
        }

        public static Target procPath(int fd) {
            return new Target(-1, ("/proc/self/fd/" + fd).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        boolean isPath() {
            return path != null;
        }
    }

    public static byte[] get(Target t, byte[] name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = Call.cString(a, name);
            MemorySegment buf = a.allocate(Sys.XATTR_MAX);
            long size = Sys.XATTR_MAX;
            long len;
            if (t.isPath()) {
                MemorySegment p = Call.cString(a, t.path());
                len = Call.run(a, st -> (long) Native.GETXATTR().invokeExact(st, p, n, buf, size));
            } else {
                len = Call.run(a, st -> (long) Native.FGETXATTR().invokeExact(st, t.fd(), n, buf, size));
            }
            return Call.bytes(buf, len);
        }
    }

    public static void set(Target t, byte[] name, byte[] value, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = Call.cString(a, name);
            MemorySegment v = Call.cString(a, value);
            long size = value.length;
            if (t.isPath()) {
                MemorySegment p = Call.cString(a, t.path());
                Call.run(a, st -> (int) Native.SETXATTR().invokeExact(st, p, n, v, size, flags));
            } else {
                Call.run(a, st -> (int) Native.FSETXATTR().invokeExact(st, t.fd(), n, v, size, flags));
            }
        }
    }

    public static List<byte[]> list(Target t) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(Sys.XATTR_MAX);
            long size = Sys.XATTR_MAX;
            long len;
            if (t.isPath()) {
                MemorySegment p = Call.cString(a, t.path());
                len = Call.run(a, st -> (long) Native.LISTXATTR().invokeExact(st, p, buf, size));
            } else {
                len = Call.run(a, st -> (long) Native.FLISTXATTR().invokeExact(st, t.fd(), buf, size));
            }
            return splitNames(Call.bytes(buf, len));
        }
    }

    public static void remove(Target t, byte[] name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = Call.cString(a, name);
            if (t.isPath()) {
                MemorySegment p = Call.cString(a, t.path());
                Call.run(a, st -> (int) Native.REMOVEXATTR().invokeExact(st, p, n));
            } else {
                Call.run(a, st -> (int) Native.FREMOVEXATTR().invokeExact(st, t.fd(), n));
            }
        }
    }

    private static List<byte[]> splitNames(byte[] list) {
        List<byte[]> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i > start) {
                    names.add(java.util.Arrays.copyOfRange(list, start, i));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
