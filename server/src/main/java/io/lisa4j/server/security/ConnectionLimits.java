package io.lisa4j.server.security;

import java.time.Duration;

/**
 * Server-wide guards against clients that hoard resources: how long a connection may take to
 * finish the TLS handshake and HELLO, how long it may sit idle with nothing in flight, how many
 * connections and handles the whole server holds, and how many request bytes one connection may
 * keep in flight before the server stops reading from it.
 */
public record ConnectionLimits(Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
        int maxServerHandles, long maxBytesInFlight) {
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(10),
            Duration.ofMinutes(10), 1024, 65_536, 64L << 20);

    public ConnectionLimits {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 1 || maxServerHandles < 1 || maxBytesInFlight < 1) {
            throw new IllegalArgumentException("connection, handle and byte limits must be positive");
        }
    }

    public ConnectionLimits withHandshakeTimeout(Duration value) {
        return new ConnectionLimits(value, idleTimeout, maxConnections, maxServerHandles, maxBytesInFlight);
    }

    public ConnectionLimits withIdleTimeout(Duration value) {
        return new ConnectionLimits(handshakeTimeout, value, maxConnections, maxServerHandles, maxBytesInFlight);
    }

    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(handshakeTimeout, idleTimeout, value, maxServerHandles, maxBytesInFlight);
    }

    public ConnectionLimits withMaxServerHandles(int value) {
        return new ConnectionLimits(handshakeTimeout, idleTimeout, maxConnections, value, maxBytesInFlight);
    }

    public ConnectionLimits withMaxBytesInFlight(long value) {
        return new ConnectionLimits(handshakeTimeout, idleTimeout, maxConnections, maxServerHandles, value);
    }
}
