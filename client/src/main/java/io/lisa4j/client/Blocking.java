package io.lisa4j.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Turns an async call into a blocking one, rethrowing the call's own IOException. */
final class Blocking {
    private Blocking() {}

    static <T> T await(Connection connection, CompletableFuture<T> future) throws IOException {
        if (connection.inEventLoop() && !future.isDone()) {
            // The reply would be read by this very thread: waiting here could never end.
            throw new IllegalStateException("blocking lisa4j call on the connection's I/O thread; use async()");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a reply");
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
