package io.lisa4j.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The async API's form of what the blocking API does by itself after a lost connection: a call
 * that failed with {@link ConnectionLostException} and is safe to send again is built and sent again
 * once the session has reconnected, up to {@link ReconnectPolicy#maxReplays()} times.
 *
 * <pre>{@code
 * CompletableFuture<ReadResult> r = Replay.afterReconnect(() -> file.async().pread(0, 4096));
 * }</pre>
 */
public final class Replay {
    private Replay() {}

    /** {@code call} must build a new request each time it is invoked (any async SDK method does). */
    public static <T> CompletableFuture<T> afterReconnect(Supplier<CompletableFuture<T>> call) {
        return attempt(call, 0);
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call, int replays) {
        return call.get().exceptionallyCompose(failure -> {
            ConnectionLostException lost = ConnectionLostException.in(failure);
            if (lost == null || lost.connection() == null) {
                return CompletableFuture.failedFuture(failure);
            }
            Connection connection = lost.connection();
            if (!lost.retriable() || connection.isClosed() || !connection.replaysAllowed(replays)) {
                return CompletableFuture.failedFuture(lost.retriable() && !connection.isClosed()
                        ? lost.notReplayed("sent " + (replays + 1) + " times, each time lost") : lost);
            }
            return connection.whenUsable().thenCompose(up -> attempt(call, replays + 1));
        });
    }
}
