package io.lisa4j.client;

import java.time.Duration;

/**
 * How a session recovers when its connection drops (PROTOCOL.md §12). After a loss the session
 * tries up to {@code maxAttempts} times to connect again, the first at once, then after a pause
 * that starts at {@code initialBackoff} and doubles up to {@code maxBackoff}. A call that finds the
 * session reconnecting waits for the outcome; when every attempt failed it throws ENOTCONN, and
 * the next call starts a new round. A call whose request was lost in flight is sent again at most
 * {@code maxReplays} times, and only if it is replayable.
 *
 * <p>{@code keepalive} is how long a session may stay silent before it sends a PING: keep it
 * below the server's idle timeout (10 minutes unless configured) so that an idle session is never
 * dropped; {@link Duration#ZERO} sends none.
 */
public record ReconnectPolicy(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        int maxReplays, Duration keepalive) {
    public static final ReconnectPolicy DEFAULTS =
            new ReconnectPolicy(true, 300, Duration.ofMillis(10), Duration.ofMillis(100), 3, Duration.ofSeconds(60));

    /** No reconnect: the first loss ends the session, every call after it fails with ENOTCONN. */
    public static final ReconnectPolicy OFF = DEFAULTS.withEnabled(false);

    public ReconnectPolicy {
        if (maxAttempts < 1 || maxReplays < 0) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 and maxReplays not negative");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || keepalive.isNegative()) {
            throw new IllegalArgumentException("backoff and keepalive durations must be ordered and not negative");
        }
    }

    public ReconnectPolicy withEnabled(boolean value) {
        return new ReconnectPolicy(value, maxAttempts, initialBackoff, maxBackoff, maxReplays, keepalive);
    }

    public ReconnectPolicy withMaxAttempts(int value) {
        return new ReconnectPolicy(enabled, value, initialBackoff, maxBackoff, maxReplays, keepalive);
    }

    public ReconnectPolicy withBackoff(Duration initial, Duration max) {
        return new ReconnectPolicy(enabled, maxAttempts, initial, max, maxReplays, keepalive);
    }

    public ReconnectPolicy withMaxReplays(int value) {
        return new ReconnectPolicy(enabled, maxAttempts, initialBackoff, maxBackoff, value, keepalive);
    }

    public ReconnectPolicy withKeepalive(Duration value) {
        return new ReconnectPolicy(enabled, maxAttempts, initialBackoff, maxBackoff, maxReplays, value);
    }

    /** The pause before attempt {@code attempt} (1-based) of a round. */
    Duration backoff(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long nanos = initialBackoff.toNanos() << Math.min(attempt - 2, 30);
        return nanos < 0 || nanos > maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos(nanos);
    }
}
