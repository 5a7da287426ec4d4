package io.lisa4j.server.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.lang.management.ManagementFactory;

/** Micrometer's JVM and process binders: memory, GC, threads, classes, CPU, uptime, open fds. */
final class JvmMetrics implements AutoCloseable {
    /**
     * Two of Micrometer's names break Prometheus' conventions ({@code promtool check metrics}): the
     * process CPU time counted in nanoseconds (process_cpu_time_ns_total; {@code process.cpu}, in
     * seconds, replaces it: process_cpu_seconds_total, as Prometheus' own clients call it) and a
     * gauge named like a histogram's count (system_cpu_count, which becomes system_cpus).
     */
    static final MeterFilter PROMETHEUS_NAMES = new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }

        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        }
    };

    private final JvmGcMetrics gc;

    private JvmMetrics(JvmGcMetrics gc) {
        this.gc = gc;
    }

    static JvmMetrics bind(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the process used").register(registry);
        }
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new JvmMetrics(gc);
    }

    @Override
    public void close() {
        gc.close();
    }
}
