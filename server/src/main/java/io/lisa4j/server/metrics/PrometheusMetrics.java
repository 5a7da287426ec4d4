package io.lisa4j.server.metrics;

import io.lisa4j.server.session.LiveSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's meters when {@code --metrics} serves them, in one Prometheus registry: per request a timer (see {@link RequestTimers}),
 * bytes read and written, refusals by limit, TLS handshake failures, and gauges over the live
 * sessions, plus the JVM's own metrics. The recording methods are called on the request path and
 * allocate nothing once a meter exists.
 */
final class PrometheusMetrics implements ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestTimers requests;
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final Counter tlsHandshakeFailures;
    private final Map<LimitKind, Counter> refused = new EnumMap<>(LimitKind.class);
    private final AtomicLong donatedFds = new AtomicLong();
    private final JvmMetrics jvm;

    PrometheusMetrics(List<String> exportNames, LiveSessions sessions) {
        // Filters go first: Micrometer applies them only to meters registered after them.
        registry.config().meterFilter(JvmMetrics.PROMETHEUS_NAMES);
        requests = new RequestTimers(registry, exportNames);
        bytesRead = Counter.builder("lisa4j.read.bytes").description("Bytes returned by PREAD")
                .baseUnit("bytes").register(registry);
        bytesWritten = Counter.builder("lisa4j.written.bytes").description("Bytes written by PWRITE")
                .baseUnit("bytes").register(registry);
        tlsHandshakeFailures = Counter.builder("lisa4j.tls.handshake.failures")
                .description("TLS handshakes that failed (bad or missing client certificate, protocol errors)")
                .register(registry);
        for (LimitKind kind : LimitKind.values()) {
            refused.put(kind, Counter.builder("lisa4j.requests.refused").description("Requests refused by a limit")
                    .tag("limit", kind.tag()).register(registry));
        }
        for (Transport t : Transport.values()) {
            Gauge.builder("lisa4j.connections", sessions, s -> s.count(t.tag())).description("Open connections")
                    .tag("transport", t.tag()).register(registry);
        }
        Gauge.builder("lisa4j.handles.open", sessions, LiveSessions::openHandles)
                .description("Handles (host file descriptors) clients hold open").register(registry);
        Gauge.builder("lisa4j.requests.inflight", sessions, LiveSessions::inFlight)
                .description("Requests received and not yet answered").register(registry);
        // Stays 0 until the server donates descriptors to clients; that work increments it.
        Gauge.builder("lisa4j.fds.donated", donatedFds, AtomicLong::get)
                .description("Host file descriptors passed to clients over SCM_RIGHTS").register(registry);
        jvm = JvmMetrics.bind(registry);
    }

    @Override
    public void request(int opcode, String export, Transport transport, int status, long nanos) {
        requests.record(opcode, export, transport, status, nanos);
    }

    @Override
    public void bytesRead(long n) {
        bytesRead.increment(n);
    }

    @Override
    public void bytesWritten(long n) {
        bytesWritten.increment(n);
    }

    @Override
    public void refused(LimitKind kind) {
        refused.get(kind).increment();
    }

    @Override
    public void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }

    @Override
    public AtomicLong donatedFds() {
        return donatedFds;
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
