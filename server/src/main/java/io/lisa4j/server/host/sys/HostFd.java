package io.lisa4j.server.host.sys;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An owned host file descriptor. Closing is idempotent, and deferred while a call made through
 * {@link #apply} is still using the number: closing it under a running call would let the kernel
 * hand the same number to an unrelated open, and the call would then act on the wrong file.
 */
public final class HostFd implements AutoCloseable {
    @FunctionalInterface
    public interface FdCall<T> {
        T apply(int fd) throws ErrnoException;
    }

    private final int fd;
    /** The owner's reference plus one per running call; the descriptor is closed when it drops to 0. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    public HostFd(int fd) {
        this.fd = fd;
    }

    /**
     * The raw number, for a descriptor that only the calling thread uses (a walk's intermediate
     * directories, say). Shared descriptors go through {@link #apply}.
     */
    public int number() {
        return fd;
    }

    /** Runs {@code call} with the descriptor, which stays open until it returns; EBADF once closed. */
    public <T> T apply(FdCall<T> call) throws ErrnoException {
        try (Lease lease = lease()) {
            return call.apply(lease.fd());
        }
    }

    /** Keeps the descriptor open until the lease is closed; EBADF if it is already closed. */
    public Lease lease() throws ErrnoException {
        acquire();
        return new Lease();
    }

    /** A hold on the descriptor that defers its closing; close it exactly once. */
    public final class Lease implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease() {}

        public int fd() {
            return fd;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release();
            }
        }
    }

    private void acquire() throws ErrnoException {
        while (true) {
            int n = references.get();
            if (n == 0) {
                throw new ErrnoException(Errno.EBADF);
            }
            if (references.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    private void release() {
        if (references.decrementAndGet() == 0) {
            try {
                Sys.close(fd);
            } catch (ErrnoException ignored) {
                // Linux releases the descriptor even when close reports an error.
            }
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return "HostFd[" + fd + (closed.get() ? ", closed]" : "]");
    }
}
