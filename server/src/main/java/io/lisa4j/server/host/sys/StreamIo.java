package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.FileIo;
import io.lisa4j.protocol.fd.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * read(2), write(2), poll(2) and an eventfd: the calls for files that have no position (FIFOs,
 * character devices), where the kernel ignores any offset and data is consumed as it is read.
 */
public final class StreamIo {
    private StreamIo() {}

    public static final short POLLIN = 0x001;
    public static final short POLLOUT = 0x004;
    public static final short POLLERR = 0x008;
    public static final short POLLHUP = 0x010;
    public static final short POLLNVAL = 0x020;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final long POLLFD_SIZE = 8;
    private static final int F_GETPIPE_SZ = 1032;

    private static final MethodHandle POLL = Libc.link("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = Libc.link("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    /** read(2) into {@code dst}'s remaining space; advances its position by the count read. */
    public static int read(int fd, ByteBuffer dst) throws ErrnoException {
        return FileIo.read(fd, dst);
    }

    /** write(2) of {@code src}'s remaining bytes; advances its position by the count written. */
    public static int write(int fd, ByteBuffer src) throws ErrnoException {
        return FileIo.write(fd, src);
    }

    /**
     * poll(2) on {@code fds} for {@code events} (one entry each); fills {@code revents} and returns
     * how many have any. {@code timeoutMillis} -1 waits until one is ready.
     */
    public static int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocate(POLLFD_SIZE * Math.max(1, fds.length), 4);
            for (int i = 0; i < fds.length; i++) {
                set.set(JAVA_INT, i * POLLFD_SIZE, fds[i]);
                set.set(JAVA_SHORT, i * POLLFD_SIZE + 4, events[i]);
            }
            long count = fds.length;
            int ready = (int) Libc.run(a, st -> (int) POLL.invokeExact(st, set, count, timeoutMillis));
            for (int i = 0; i < fds.length; i++) {
                revents[i] = set.get(JAVA_SHORT, i * POLLFD_SIZE + 6);
            }
            return ready;
        }
    }

    /** F_GETPIPE_SZ: how many bytes the pipe behind {@code fd} holds at most. */
    public static int pipeCapacity(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            return (int) Libc.run(a, st -> (int) Native.DUPFD().invokeExact(st, fd, F_GETPIPE_SZ, 0));
        }
    }

    /** The events {@code fd} reports right now, without waiting. */
    public static short pollNow(int fd, short events) throws ErrnoException {
        short[] revents = new short[1];
        poll(new int[] {fd}, new short[] {events}, revents, 0);
        return revents[0];
    }

    /** A non-blocking, close-on-exec eventfd, for waking a thread blocked in poll. */
    public static int eventfd() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            return (int) Libc.run(a, st -> (int) EVENTFD.invokeExact(st, 0, EFD_NONBLOCK | EFD_CLOEXEC));
        }
    }

    /** Adds one to an eventfd's counter, which makes it readable. */
    public static void signal(int eventfd) throws ErrnoException {
        ByteBuffer one = ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder()).putLong(0, 1);
        write(eventfd, one);
    }

    /** Resets an eventfd's counter; nothing happens if it was 0. */
    public static void drain(int eventfd) {
        try {
            read(eventfd, ByteBuffer.allocateDirect(8));
        } catch (ErrnoException empty) {
            // EAGAIN: nobody signalled since the last drain.
        }
    }
}
