package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.StreamIo;
import io.lisa4j.server.spi.ReadResult;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PREAD and PWRITE on a file without a position (a FIFO or character device): read(2) and
 * write(2), the offset ignored, as the kernel ignores a position there. The descriptor itself is
 * always non-blocking; a handle opened without O_NONBLOCK gets the blocking behaviour of Linux by
 * waiting in {@link StreamWaits} instead of in the kernel:
 *
 * <ul>
 *   <li>a read waits while there is no data and a writer is connected, and also while no writer
 *       has been seen since the OPEN: the OPEN did not wait for one, where open(2) would have;
 *   <li>a write waits until all its bytes are written (or the reader is gone: EPIPE, or the count
 *       written before that).
 * </ul>
 * With O_NONBLOCK both give EAGAIN instead of waiting, and a read of a FIFO without a writer
 * gives 0 bytes and end of file, as Linux does.
 */
final class HostStream {
    private static final int DEVICE_READ = 64 * 1024;
    private final HostFd fd;
    private final boolean fifo;
    private final boolean waits;
    /** A writer was connected at some point since OPEN: from then on, 0 bytes read is end of file. */
    private volatile boolean writerSeen;
    private volatile boolean ended;

    HostStream(HostFd fd, boolean fifo, boolean waits) {
        this.fd = fd;
        this.fifo = fifo;
        this.waits = waits;
    }

    /** The most one read can return: a FIFO's capacity; 64 KiB from a device (a short read is normal there). */
    int readLength(int requested) {
        int most = DEVICE_READ;
        if (fifo) {
            try {
                most = fd.apply(StreamIo::pipeCapacity);
            } catch (ErrnoException e) {
                most = DEVICE_READ;
            }
        }
        return Math.min(requested, most);
    }

    /** The handle was closed: waits on it end with EBADF. */
    void endWaits() {
        ended = true;
        StreamWaits.shared().wake();
    }

    /** A read that never waits: what PREAD on an O_NONBLOCK handle answers. */
    ReadResult readNow(ByteBuffer dst) throws ErrnoException {
        return fd.apply(n -> {
            int count = StreamIo.read(n, dst);
            return new ReadResult(count, count == 0 && dst.hasRemaining());
        });
    }

    CompletionStage<ReadResult> read(ByteBuffer dst) throws ErrnoException {
        if (!waits || !dst.hasRemaining()) {
            return CompletableFuture.completedFuture(readNow(dst));
        }
        ReadResult now = fd.apply(n -> tryRead(n, dst));
        if (now != null) {
            return CompletableFuture.completedFuture(now);
        }
        return StreamWaits.shared().await(fd, StreamIo.POLLIN, () -> ended, () -> fd.apply(n -> tryRead(n, dst)));
    }

    /** One non-blocking read in blocking mode; null while a blocking read(2) would still wait. */
    private ReadResult tryRead(int n, ByteBuffer dst) throws ErrnoException {
        int count;
        try {
            count = StreamIo.read(n, dst);
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN)) {
                writerSeen = true; // empty with a writer connected
                return null;
            }
            throw e;
        }
        if (count > 0) {
            writerSeen = true;
            return new ReadResult(count, false);
        }
        if (fifo && !writerSeen) {
            // POLLHUP: a writer came and went since OPEN. Without it none has come yet.
            if ((StreamIo.pollNow(n, StreamIo.POLLIN) & StreamIo.POLLHUP) == 0) {
                return null;
            }
            writerSeen = true;
        }
        return new ReadResult(0, true);
    }

    /** A write that never waits: what PWRITE on an O_NONBLOCK handle answers. */
    int writeNow(ByteBuffer src) throws ErrnoException {
        return fd.apply(n -> StreamIo.write(n, src));
    }

    CompletionStage<Integer> write(ByteBuffer src) throws ErrnoException {
        if (!waits || !src.hasRemaining()) {
            return CompletableFuture.completedFuture(writeNow(src));
        }
        WriteAll all = new WriteAll(src);
        Integer now = fd.apply(all::tryOnce);
        if (now != null) {
            return CompletableFuture.completedFuture(now);
        }
        return StreamWaits.shared().await(fd, StreamIo.POLLOUT, () -> ended, () -> fd.apply(all::tryOnce));
    }

    /** Writes until every byte is written, across as many waits as it takes. */
    private static final class WriteAll {
        private final ByteBuffer src;
        private int written;

        WriteAll(ByteBuffer src) {
            this.src = src;
        }

        Integer tryOnce(int n) throws ErrnoException {
            while (src.hasRemaining()) {
                try {
                    written += StreamIo.write(n, src);
                } catch (ErrnoException e) {
                    if (e.is(Errno.EAGAIN)) {
                        return null;
                    }
                    if (written > 0) {
                        return written; // the reader left: the count so far, as write(2) reports it
                    }
                    throw e;
                }
            }
            return written;
        }
    }
}
