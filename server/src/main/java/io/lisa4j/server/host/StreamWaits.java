package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.StreamIo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * Where reads and writes wait on FIFOs and devices opened without O_NONBLOCK. One thread polls
 * every waiting descriptor and retries an attempt when its descriptor reports an event; a wait
 * holds no worker thread and no event loop, so a client blocked on an empty FIFO costs the server
 * one descriptor in a poll set, and other clients nothing. A wait ends when its attempt succeeds or
 * fails, or with EBADF once its handle is closed (CLOSE, UMOUNT or the end of the connection),
 * which is also how a shutdown ends the waits of the connections it closes. The thread and its
 * eventfd exist only while something waits.
 */
final class StreamWaits {
    /** One non-blocking try: the result, or null when the descriptor is still not ready. */
    @FunctionalInterface
    interface Attempt<T> {
        T tryOnce() throws ErrnoException;
    }

    private static final StreamWaits SHARED = new StreamWaits();

    private final ConcurrentLinkedQueue<Wait<?>> added = new ConcurrentLinkedQueue<>();
    /** The poll thread's eventfd while it runs, -1 otherwise; it runs only while there are waits. */
    private int wakeFd = -1;

    static StreamWaits shared() {
        return SHARED;
    }

    /**
     * Completes with the attempt's result once {@code fd} has {@code events} and the attempt gives
     * one, or with EBADF once {@code ended} is true (call {@link #wake()} after making it so).
     */
    <T> CompletableFuture<T> await(HostFd fd, short events, BooleanSupplier ended, Attempt<T> attempt)
            throws ErrnoException {
        Wait<T> wait = new Wait<>(fd.lease(), ended, events, attempt);
        synchronized (this) {
            added.add(wait);
            if (wakeFd < 0) {
                try {
                    wakeFd = StreamIo.eventfd();
                } catch (ErrnoException e) {
                    added.remove(wait);
                    wait.lease.close();
                    throw e;
                }
                int fdOfThread = wakeFd;
                Thread.ofPlatform().name("lisa4j-stream-waits").daemon(true).start(() -> loop(fdOfThread));
            } else {
                wake();
            }
        }
        return wait.result;
    }

    /** Makes the poll thread look at its waits again (a new one, or a handle that was closed). */
    synchronized void wake() {
        if (wakeFd >= 0) {
            try {
                StreamIo.signal(wakeFd);
            } catch (ErrnoException e) {
                // EAGAIN: the counter is already non-zero, so the thread wakes anyway.
            }
        }
    }

    /** Whether the thread may end: nothing waits and nothing was added; then its eventfd is closed. */
    private synchronized boolean idle(List<Wait<?>> waiting) {
        if (!waiting.isEmpty() || !added.isEmpty()) {
            return false;
        }
        try {
            io.lisa4j.server.host.sys.Sys.close(wakeFd);
        } catch (ErrnoException ignored) {
            // Linux releases the descriptor even when close reports an error.
        }
        wakeFd = -1;
        return true;
    }

    private void loop(int wake) {
        List<Wait<?>> waiting = new ArrayList<>();
        while (true) {
            for (Wait<?> w; (w = added.poll()) != null;) {
                waiting.add(w);
            }
            waiting.removeIf(Wait::endIfClosed);
            if (waiting.isEmpty() && idle(waiting)) {
                return;
            }
            int n = waiting.size();
            int[] fds = new int[n + 1];
            short[] events = new short[n + 1];
            short[] revents = new short[n + 1];
            fds[0] = wake;
            events[0] = StreamIo.POLLIN;
            for (int i = 0; i < n; i++) {
                fds[i + 1] = waiting.get(i).lease.fd();
                events[i + 1] = waiting.get(i).events;
            }
            try {
                StreamIo.poll(fds, events, revents, -1);
            } catch (ErrnoException e) {
                continue; // EINTR
            }
            if (revents[0] != 0) {
                StreamIo.drain(wake);
            }
            List<Wait<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (revents[i + 1] != 0 && waiting.get(i).retry()) {
                    done.add(waiting.get(i));
                }
            }
            waiting.removeAll(done);
        }
    }

    private static final class Wait<T> {
        final HostFd.Lease lease;
        final BooleanSupplier ended;
        final short events;
        final Attempt<T> attempt;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Wait(HostFd.Lease lease, BooleanSupplier ended, short events, Attempt<T> attempt) {
            this.lease = lease;
            this.ended = ended;
            this.events = events;
            this.attempt = attempt;
        }

        boolean endIfClosed() {
            if (!ended.getAsBoolean()) {
                return false;
            }
            end(null, new ErrnoException(Errno.EBADF, "handle closed while waiting"));
            return true;
        }

        /** True once the wait is over. */
        boolean retry() {
            try {
                T value = attempt.tryOnce();
                if (value == null) {
                    return false;
                }
                end(value, null);
            } catch (ErrnoException | RuntimeException e) {
                end(null, e);
            }
            return true;
        }

        private void end(T value, Exception failure) {
            lease.close();
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }
}
