package io.lisa4j.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Turns an async call into a blocking one, rethrowing the call's own IOException. */
final class Blocking {
    private Blocking() {}

    /**
     * Sends what {@code call} builds and waits for its reply. Telling the connection that this very
     * thread waits lets it read the reply here instead of waking another thread to do so. When the
     * connection is lost first, the call is built and sent again once the session has reconnected,
     * if it is safe to (see {@link Connection#awaitReplay}).
     */
    static <T> T call(Connection connection, Supplier<CompletableFuture<T>> call) throws IOException {
        for (int replays = 0;; replays++) {
            try {
                return await(connection, connection.submitAttended(call));
            } catch (ConnectionLostException lost) {
                connection.awaitReplay(lost, replays);
            }
        }
    }

    static <T> T await(Connection connection, CompletableFuture<T> future) throws IOException {
        connection.await(future);
        return outcome(future);
    }

    /** As {@link #await(Connection, CompletableFuture)}, on one link (the handshake, a reconnect's calls). */
    static <T> T await(Link link, CompletableFuture<T> future) throws IOException {
        link.await(future);
        return outcome(future);
    }

    private static <T> T outcome(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            // Unreachable: the future is done.
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a reply");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                // Rethrow the original type (ErrnoException, StoppedException) with this thread's
                // stack, keeping the I/O thread's as the cause chain's origin.
                io.addSuppressed(new Exception("awaited here"));
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }
}
