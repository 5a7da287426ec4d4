package io.lisa4j.server;

import java.time.Duration;

/**
 * The operator-facing side of a server: where to serve metrics and health over HTTP (null: nowhere)
 * and how long a shutdown waits for requests in progress before it closes their connections.
 */
public record OpsOptions(ListenAddress.Tcp metrics, Duration drainTimeout) {
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    public static final OpsOptions DEFAULT = new OpsOptions(null, DEFAULT_DRAIN_TIMEOUT);

    public OpsOptions {
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative");
        }
    }

    public OpsOptions withMetrics(ListenAddress.Tcp address) {
        return new OpsOptions(address, drainTimeout);
    }

    public OpsOptions withDrainTimeout(Duration value) {
        return new OpsOptions(metrics, value);
    }
}
