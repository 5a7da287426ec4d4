package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Turns a backend result that may arrive later into a {@link Reply}, now if it is already there. */
final class Pending {
    private Pending() {}

    @FunctionalInterface
    interface ToReply<T> {
        Reply apply(T value) throws ErrnoException;
    }

    /**
     * The reply {@code toReply} makes of the stage's value. A failure known now is thrown, and the
     * caller frees what it holds; for one that comes later, {@code onFailure} runs, to free what
     * the success would have sent.
     */
    static <T> Reply reply(CompletionStage<T> stage, ToReply<T> toReply, Runnable onFailure) throws ErrnoException {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            T value;
            try {
                value = future.join();
            } catch (CompletionException e) {
                throw errnoOf(e.getCause());
            }
            return toReply.apply(value);
        }
        return Reply.later(stage.handle((value, failure) -> {
            try {
                if (failure != null) {
                    throw errnoOf(failure instanceof CompletionException c ? c.getCause() : failure);
                }
                return toReply.apply(value);
            } catch (ErrnoException e) {
                onFailure.run();
                return Reply.errno(e.errno());
            }
        }));
    }

    private static ErrnoException errnoOf(Throwable failure) {
        return failure instanceof ErrnoException e ? e : new ErrnoException(Errno.EIO, String.valueOf(failure));
    }
}
