package io.lisa4j.protocol.fd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * pread64, pwrite64, read, write and the size from statx on a descriptor, through FFM, with no copy for direct
 * buffers. The server's host backend and the client's donated descriptors both use these, so the
 * benchmark's local limit and the donated path run the very same code.
 */
public final class FileIo {
    private FileIo() {}

    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_SIZE = 0x200;
    private static final long STATX_BUFFER = 256;
    private static final long STX_SIZE_OFFSET = 40;

    private static final MethodHandle PREAD64 = Libc.link("pread64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE64 = Libc.link("pwrite64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle STATX = Libc.link("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));

    private static final MethodHandle READ = Libc.link("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Libc.link("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    /** One transfer between a descriptor and {@code count} bytes at {@code buffer}. */
    @FunctionalInterface
    private interface Transfer {
        long run(MemorySegment capture, MemorySegment buffer, long count) throws Throwable;
    }

    /** pread64 into {@code dst}'s remaining space; advances its position by the count read. */
    public static int pread(int fd, ByteBuffer dst, long offset) throws ErrnoException {
        return into(dst, (st, b, n) -> (long) PREAD64.invokeExact(st, fd, b, n, offset));
    }

    /** pwrite64 of {@code src}'s remaining bytes; advances its position by the count written. */
    public static int pwrite(int fd, ByteBuffer src, long offset) throws ErrnoException {
        return from(src, (st, b, n) -> (long) PWRITE64.invokeExact(st, fd, b, n, offset));
    }

    /** read(2), for a descriptor without a position (a FIFO, a device); advances {@code dst}'s position. */
    public static int read(int fd, ByteBuffer dst) throws ErrnoException {
        return into(dst, (st, b, n) -> (long) READ.invokeExact(st, fd, b, n));
    }

    /** write(2), for a descriptor without a position; advances {@code src}'s position. */
    public static int write(int fd, ByteBuffer src) throws ErrnoException {
        return from(src, (st, b, n) -> (long) WRITE.invokeExact(st, fd, b, n));
    }

    private static int into(ByteBuffer dst, Transfer transfer) throws ErrnoException {
        long want = dst.remaining();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment target = dst.isDirect() ? MemorySegment.ofBuffer(dst) : a.allocate(Math.max(1, want));
            int n = (int) Libc.run(a, st -> transfer.run(st, target, want));
            if (dst.isDirect()) {
                dst.position(dst.position() + n);
            } else {
                dst.put(target.asSlice(0, n).asByteBuffer());
            }
            return n;
        }
    }

    private static int from(ByteBuffer src, Transfer transfer) throws ErrnoException {
        long count = src.remaining();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment source;
            if (src.isDirect()) {
                source = MemorySegment.ofBuffer(src);
            } else {
                source = a.allocate(Math.max(1, count));
                source.asByteBuffer().put(src.duplicate());
            }
            int n = (int) Libc.run(a, st -> transfer.run(st, source, count));
            src.position(src.position() + n);
            return n;
        }
    }

    /** statx of the descriptor's file: every attribute. */
    public static FileAttr fstat(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment empty = a.allocate(1);
            MemorySegment buf = a.allocate(Statx.SIZE, 8);
            Libc.run(a, st -> (int) STATX.invokeExact(st, fd, empty, AT_EMPTY_PATH, Statx.WANTED, buf));
            return Statx.decode(buf);
        }
    }

    public static long size(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment empty = a.allocate(1);
            MemorySegment buf = a.allocate(STATX_BUFFER, 8);
            Libc.run(a, st -> (int) STATX.invokeExact(st, fd, empty, AT_EMPTY_PATH, STATX_SIZE, buf));
            return buf.get(JAVA_LONG, STX_SIZE_OFFSET);
        }
    }
}
