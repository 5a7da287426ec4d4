package io.lisa4j.fuse;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.client.Replay;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for one RPC on behalf of a FUSE thread, never longer than the call timeout. A call lost
 * with the connection is sent again once the session has reconnected, if it is safe to replay
 * ({@link Replay}); one that is not fails with ENOTCONN. A server that stays connected but never
 * answers, or a reconnect that outlasts the timeout, gives EIO, so no FUSE request (and no process
 * blocked on the mount) hangs.
 */
final class Rpc {
    private final long timeoutNanos;

    Rpc(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** {@code call} builds and sends the request; it runs again for a replay. */
    <T> T await(Supplier<CompletableFuture<T>> call) throws IOException {
        return await(Replay.afterReconnect(call));
    }

    private <T> T await(CompletableFuture<T> call) throws IOException {
        try {
            return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR, "interrupted while waiting for a reply");
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new ErrnoException(Errno.EIO, "no reply within " + Duration.ofNanos(timeoutNanos));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new ErrnoException(Errno.EIO, String.valueOf(cause));
        }
    }
}
