package io.lisa4j.server.metrics;

import io.lisa4j.server.session.LiveSessions;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the daemon counts about its requests and connections. Counted in a Prometheus registry when
 * {@code --metrics} serves them ({@link #prometheus}), else not at all ({@link #none}): nothing
 * reads them then, and Micrometer with its JVM binders was a fifth of the daemon's start.
 * The recording methods are called on the request path and allocate nothing once a meter exists.
 */
public interface ServerMetrics extends AutoCloseable {
    /** Meters in a Prometheus registry, with the JVM's own metrics. */
    static ServerMetrics prometheus(List<String> exportNames, LiveSessions sessions) {
        return new PrometheusMetrics(exportNames, sessions);
    }

    /** Counts nothing; {@link #scrape} is empty. */
    static ServerMetrics none() {
        return new None();
    }

    /** One answered request; {@code export} is null for requests outside any mount. */
    void request(int opcode, String export, Transport transport, int status, long nanos);

    void bytesRead(long n);

    void bytesWritten(long n);

    void refused(LimitKind kind);

    void tlsHandshakeFailed();

    /** Descriptors currently donated to clients; for the fd-donation path to keep up to date. */
    AtomicLong donatedFds();

    /** The Prometheus text exposition of every meter. */
    String scrape();

    @Override
    void close();

    /** The meters of a daemon that serves none. */
    final class None implements ServerMetrics {
        private final AtomicLong donatedFds = new AtomicLong();

        private None() {}

        @Override
        public void request(int opcode, String export, Transport transport, int status, long nanos) {}

        @Override
        public void bytesRead(long n) {}

        @Override
        public void bytesWritten(long n) {}

        @Override
        public void refused(LimitKind kind) {}

        @Override
        public void tlsHandshakeFailed() {}

        @Override
        public AtomicLong donatedFds() {
            return donatedFds;
        }

        @Override
        public String scrape() {
            return "";
        }

        @Override
        public void close() {}
    }
}
