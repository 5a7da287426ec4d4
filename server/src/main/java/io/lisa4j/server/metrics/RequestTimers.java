package io.lisa4j.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code lisa4j_requests_seconds{op,export,transport,outcome}}: one timer (count, sum and a fixed
 * bucket histogram) per combination, created the first time it is used and then found by array
 * index, so recording a request allocates nothing. Every tag has a bounded set of values: opcodes
 * (or {@code unknown}), the configured exports (or {@code none}), two transports, the outcomes.
 */
final class RequestTimers {
    static final String NAME = "lisa4j.requests";
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
    };
    static final String NO_EXPORT = "none";

    private final MeterRegistry registry;
    private final int ops = OpNames.slots();
    private final String[] exports;
    private final Map<String, Integer> exportIndex = new HashMap<>();
    private final AtomicReferenceArray<AtomicReferenceArray<Timer>> rows;
    private final int transports = Transport.values().length;

    RequestTimers(MeterRegistry registry, List<String> exportNames) {
        this.registry = registry;
        exports = new String[exportNames.size() + 1];
        for (int i = 0; i < exportNames.size(); i++) {
            exports[i] = exportNames.get(i);
            exportIndex.put(exportNames.get(i), i);
        }
        exports[exportNames.size()] = NO_EXPORT;
        rows = new AtomicReferenceArray<>(ops * exports.length * transports);
    }

    void record(int opcode, String export, Transport transport, int status, long nanos) {
        int op = OpNames.slot(opcode);
        Integer e = export == null ? null : exportIndex.get(export);
        int ex = e == null ? exports.length - 1 : e;
        int rowIndex = (op * exports.length + ex) * transports + transport.ordinal();
        AtomicReferenceArray<Timer> row = rows.get(rowIndex);
        if (row == null) {
            rows.compareAndSet(rowIndex, null, new AtomicReferenceArray<>(Outcomes.SLOTS));
            row = rows.get(rowIndex);
        }
        int slot = Outcomes.slot(status);
        Timer timer = row.get(slot);
        if (timer == null) {
            // Micrometer returns the already registered timer when another thread won the race.
            timer = Timer.builder(NAME).description("Requests served, by operation, export, transport and outcome")
                    .tag("op", OpNames.ofSlot(op)).tag("export", exports[ex]).tag("transport", transport.tag())
                    .tag("outcome", Outcomes.tag(slot)).serviceLevelObjectives(BUCKETS).register(registry);
            row.set(slot, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
