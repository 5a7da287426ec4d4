package io.lisa4j.protocol.fd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The descriptor side-channel's wire (PROTOCOL.md §3.3): one 8-byte record per donated
 * descriptor, {@code u32 request_id, u32 reserved}, little-endian, carrying exactly one descriptor
 * as SCM_RIGHTS ancillary data, sent with sendmsg and received with recvmsg(MSG_CMSG_CLOEXEC).
 * Also the few socket calls a client needs to open the side-channel without Netty.
 * Layouts are those of Linux LP64 (x86_64, aarch64).
 */
public final class FdPassing {
    private FdPassing() {}

    /** Bytes of one side-channel record. */
    public static final int RECORD_SIZE = 8;

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final long MSGHDR_SIZE = 56;
    private static final long IOVEC_SIZE = 16;
    private static final long CMSG_HEADER = 16;
    /** CMSG_SPACE(sizeof(int)). */
    private static final long CMSG_SPACE_ONE_FD = 24;
    /** Room for a few descriptors, so a peer sending more cannot make the kernel truncate silently. */
    private static final long CMSG_BUFFER = 256;
    private static final int SUN_PATH_MAX = 108;

    private static final MethodHandle SOCKET = Libc.link("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = Libc.link("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = Libc.link("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = Libc.link("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = Libc.link("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = Libc.link("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = Libc.link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /** A record received from the side-channel: its request id and the descriptor (-1 if none came). */
    public record Received(int requestId, int fd) {}

    /** A blocking, close-on-exec stream socket connected to the Unix socket at {@code path}. */
    public static int connectUnix(String path) throws ErrnoException {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= SUN_PATH_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "socket path " + path);
        }
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) Libc.run(a, st -> (int) SOCKET.invokeExact(st, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
            MemorySegment addr = a.allocate(2 + SUN_PATH_MAX);
            addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, 2, p.length);
            int len = 2 + p.length + 1;
            try {
                Libc.run(a, st -> (int) CONNECT.invokeExact(st, fd, addr, len));
            } catch (ErrnoException e) {
                close(fd);
                throw e;
            }
            return fd;
        }
    }

    /**
     * Sends one record tagged {@code requestId} carrying {@code fd}, without blocking: false when
     * the socket cannot take it now (EAGAIN), so the caller simply does not donate.
     */
    public static boolean sendFd(int socket, int requestId, int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment data = a.allocate(RECORD_SIZE);
            data.set(JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0, requestId);
            MemorySegment iov = a.allocate(IOVEC_SIZE, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, RECORD_SIZE);
            MemorySegment control = a.allocate(CMSG_SPACE_ONE_FD, 8);
            control.set(JAVA_LONG, 0, CMSG_HEADER + Integer.BYTES);
            control.set(JAVA_INT, 8, SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            control.set(JAVA_INT, CMSG_HEADER, fd);
            MemorySegment msg = a.allocate(MSGHDR_SIZE, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, CMSG_SPACE_ONE_FD);
            long sent;
            try {
                sent = Libc.run(a, st -> (long) SENDMSG.invokeExact(st, socket, msg, MSG_DONTWAIT | MSG_NOSIGNAL));
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN.number()) {
                    return false;
                }
                throw e;
            }
            // A unix stream socket takes 8 bytes whole or not at all (one skb).
            if (sent != RECORD_SIZE) {
                throw new ErrnoException(Errno.EIO, "short send on the descriptor channel");
            }
            return true;
        }
    }

    /** Blocks for the next record; its descriptor is close-on-exec. Extra descriptors are closed. */
    public static Received receive(int socket) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment data = a.allocate(RECORD_SIZE);
            MemorySegment iov = a.allocate(IOVEC_SIZE, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, RECORD_SIZE);
            MemorySegment control = a.allocate(CMSG_BUFFER, 8);
            MemorySegment msg = a.allocate(MSGHDR_SIZE, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, CMSG_BUFFER);
            long got = Libc.run(a, st -> (long) RECVMSG.invokeExact(st, socket, msg, MSG_CMSG_CLOEXEC));
            if (got == 0) {
                throw new ErrnoException(Errno.ENOTCONN, "descriptor channel closed");
            }
            int fd = firstFdClosingOthers(control, msg.get(JAVA_LONG, 40));
            if ((msg.get(JAVA_INT, 48) & MSG_CTRUNC) != 0) {
                closeQuietly(fd);
                throw new ErrnoException(Errno.EPROTO, "truncated descriptor message");
            }
            while (got < RECORD_SIZE) {
                long at = got;
                got += recvInto(socket, data.asSlice(at), RECORD_SIZE - at);
            }
            return new Received(data.get(JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0), fd);
        }
    }

    private static long recvInto(int socket, MemorySegment into, long length) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long n = Libc.run(a, st -> (long) RECV.invokeExact(st, socket, into, length, 0));
            if (n == 0) {
                throw new ErrnoException(Errno.ENOTCONN, "descriptor channel closed");
            }
            return n;
        }
    }

    /** Walks the control messages: keeps the first SCM_RIGHTS descriptor, closes any other. */
    private static int firstFdClosingOthers(MemorySegment control, long controlLength) {
        int kept = -1;
        long pos = 0;
        while (pos + CMSG_HEADER <= controlLength) {
            long len = control.get(JAVA_LONG, pos);
            if (len < CMSG_HEADER || pos + len > controlLength) {
                break;
            }
            if (control.get(JAVA_INT, pos + 8) == SOL_SOCKET && control.get(JAVA_INT, pos + 12) == SCM_RIGHTS) {
                for (long off = CMSG_HEADER; off + Integer.BYTES <= len; off += Integer.BYTES) {
                    int fd = control.get(JAVA_INT, pos + off);
                    if (kept < 0) {
                        kept = fd;
                    } else {
                        closeQuietly(fd);
                    }
                }
            }
            pos += (len + 7) & ~7L;
        }
        return kept;
    }

    /** Writes all of {@code bytes} to a blocking socket. */
    public static void sendAll(int socket, byte[] bytes) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long done = 0;
            while (done < bytes.length) {
                long at = done;
                done += Libc.run(a, st -> (long) SEND.invokeExact(st, socket, buf.asSlice(at),
                        bytes.length - at, MSG_NOSIGNAL));
            }
        }
    }

    /** Reads exactly {@code length} bytes from a blocking socket. */
    public static byte[] receiveExactly(int socket, int length) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(Math.max(1, length));
            long done = 0;
            while (done < length) {
                done += recvInto(socket, buf.asSlice(done), length - done);
            }
            return buf.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    public static void close(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Libc.run(a, st -> (int) CLOSE.invokeExact(st, fd));
        }
    }

    /** close(2), ignoring errors: Linux releases the number whatever close reports. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (ErrnoException ignored) {
            // released anyway
        }
    }
}
