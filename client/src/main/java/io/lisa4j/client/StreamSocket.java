package io.lisa4j.client;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.FdPassing;
import io.lisa4j.protocol.fd.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connected, blocking Unix stream socket driven by send(2) and recv(2) through FFM. Not a JDK
 * SocketChannel: interrupting a thread blocked in one closes the channel, and with it the session
 * of every other thread. A receive gives up after {@code pollMillis} without data so that the
 * reading thread can notice an interrupt or a close.
 *
 * <p>Closing shuts the socket down at once, which wakes a blocked reader, but releases the
 * descriptor only when the last thread inside a call has left, so a recycled descriptor number is
 * never read or written by mistake.
 */
final class StreamSocket {
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SHUT_RDWR = 2;
    private static final int MSG_NOSIGNAL = 0x4000;

    private static final MethodHandle SEND = Libc.link("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = Libc.link("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.link("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.link("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private final int fd;
    /** The owner's reference plus one per call in progress; the descriptor closes when it reaches 0. */
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamSocket(int fd) {
        this.fd = fd;
    }

    static StreamSocket connect(Path socketPath, int pollMillis) throws ErrnoException {
        int fd = FdPassing.connectUnix(socketPath.toString());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment timeval = a.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, pollMillis / 1000);
            timeval.set(JAVA_LONG, 8, (pollMillis % 1000) * 1000L);
            Libc.run(a, st -> (int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16));
        } catch (ErrnoException | RuntimeException e) {
            FdPassing.closeQuietly(fd);
            throw e;
        }
        return new StreamSocket(fd);
    }

    /** Writes all {@code length} bytes at {@code from}. */
    void sendAll(MemorySegment from, long length) throws ErrnoException {
        enter();
        try {
            long done = 0;
            while (done < length) {
                long at = done;
                try {
                    done += Libc.run(st -> (long) SEND.invokeExact(st, fd, from.asSlice(at), length - at, MSG_NOSIGNAL));
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EINTR)) {
                        throw e;
                    }
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * Reads what is there, up to {@code length} bytes, waiting at most the poll interval: the
     * count read, 0 at end of stream, or -1 when nothing came in time.
     */
    long receive(MemorySegment into, long length) throws ErrnoException {
        enter();
        try {
            return Libc.run(st -> (long) RECV.invokeExact(st, fd, into, length, 0));
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN) || e.is(Errno.EINTR)) {
                return -1;
            }
            throw e;
        } finally {
            exit();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Shuts the socket down (a blocked receive returns end of stream) and releases it once unused. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Libc.run(st -> (int) SHUTDOWN.invokeExact(st, fd, SHUT_RDWR));
        } catch (ErrnoException ignored) {
            // already disconnected: nothing to wake
        }
        exit();
    }

    private void enter() throws ErrnoException {
        while (true) {
            int n = users.get();
            if (n == 0) {
                throw new ErrnoException(Errno.ENOTCONN, "connection closed");
            }
            if (users.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    private void exit() {
        if (users.decrementAndGet() == 0) {
            FdPassing.closeQuietly(fd);
        }
    }
}
