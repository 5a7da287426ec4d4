package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.FdPassing;
import io.lisa4j.protocol.fd.FileIo;
import io.lisa4j.protocol.value.FileAttr;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host descriptor the server donated with OPEN (PROTOCOL.md §3.3), used in this process for
 * pread, pwrite and size with no RPC. Counted references keep the number open while a call uses
 * it, so a close racing with a read can never make the read act on a recycled descriptor.
 */
final class DonatedFd implements AutoCloseable {
    @FunctionalInterface
    interface FdCall<T> {
        T apply(int fd) throws ErrnoException;
    }

    private final int fd;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    DonatedFd(int fd) {
        this.fd = fd;
    }

    int pread(long offset, ByteBuffer dst) throws ErrnoException {
        return use(fd -> FileIo.pread(fd, dst, offset));
    }

    int pwrite(long offset, ByteBuffer src) throws ErrnoException {
        return use(fd -> FileIo.pwrite(fd, src, offset));
    }

    long size() throws ErrnoException {
        return use(FileIo::size);
    }

    FileAttr fstat() throws ErrnoException {
        return use(FileIo::fstat);
    }

    private <T> T use(FdCall<T> call) throws ErrnoException {
        for (;;) {
            int n = refs.get();
            if (n == 0) {
                throw new ErrnoException(Errno.EBADF, "donated descriptor closed");
            }
            if (refs.compareAndSet(n, n + 1)) {
                break;
            }
        }
        try {
            return call.apply(fd);
        } finally {
            release();
        }
    }

    private void release() {
        if (refs.decrementAndGet() == 0) {
            FdPassing.closeQuietly(fd);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }
}
