package io.lisa4j.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A blocking byte channel over a raw socket descriptor, and {@code socketpair(2)} to make one:
 * what a sandbox launcher does before handing one end to the server and one to the client.
 */
final class FdChannel implements ByteChannel {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKETPAIR = link("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDMSG = link("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM_CLOEXEC = 1 | 02000000;

    private final int fd;
    private boolean open = true;

    FdChannel(int fd) {
        this.fd = fd;
    }

    /** Two connected Unix stream sockets, close-on-exec. */
    static int[] socketPair() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if ((int) SOCKETPAIR.invokeExact(AF_UNIX, SOCK_STREAM_CLOEXEC, 0, fds) != 0) {
                throw new IOException("socketpair failed");
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Opens {@code path} read-only, close-on-exec, as a raw descriptor. */
    static int openReadOnly(java.nio.file.Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(path.toString()), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + path + " failed");
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes {@code bytes} with {@code passed} attached as SCM_RIGHTS, as a hostile peer might. */
    void sendWithDescriptor(byte[] bytes, int passed) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(bytes.length);
            data.copyFrom(MemorySegment.ofArray(bytes));
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, bytes.length);
            MemorySegment control = arena.allocate(24, 8); // CMSG_SPACE(sizeof(int))
            control.set(JAVA_LONG, 0, 20); // CMSG_LEN(sizeof(int))
            control.set(JAVA_INT, 8, 1); // SOL_SOCKET
            control.set(JAVA_INT, 12, 1); // SCM_RIGHTS
            control.set(JAVA_INT, 16, passed);
            MemorySegment msg = arena.allocate(56, 8); // struct msghdr on x86_64
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, 24);
            long sent = (long) SENDMSG.invokeExact(fd, msg, 0);
            if (sent != bytes.length) {
                throw new IOException("sendmsg sent " + sent);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) transfer(READ, dst, true);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) transfer(WRITE, src, false);
    }

    private long transfer(MethodHandle call, ByteBuffer buf, boolean into) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int n = buf.remaining();
            MemorySegment seg = arena.allocate(Math.max(1, n));
            if (!into) {
                seg.asByteBuffer().put(buf.duplicate());
            }
            long done = (long) call.invokeExact(fd, seg, (long) n);
            if (done < 0) {
                throw new IOException((into ? "read" : "write") + " failed on fd " + fd);
            }
            if (into) {
                buf.put(seg.asSlice(0, done).asByteBuffer());
                return done == 0 ? -1 : done;
            }
            buf.position(buf.position() + (int) done);
            return done;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            closeFd(fd);
        }
    }

    private static MethodHandle link(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }
}
