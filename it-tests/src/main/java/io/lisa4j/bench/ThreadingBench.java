package io.lisa4j.bench;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.Session;
import io.lisa4j.server.Workers;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the daemon should run syscalls, measured: on the event loop, on platform pools of several
 * sizes, on virtual threads, or the hybrid: metadata lookups on the event loop and every other
 * call on a pool. For each: STAT depth 5 over the Unix socket at 1, 4 and 16 threads, then at 4
 * threads while another connection writes 8 MiB and fsyncs in a loop.
 * {@code ./lisa4j bench --threading}.
 */
final class ThreadingBench {
    private ThreadingBench() {}

    private record Variant(String name, Workers workers, int pool, boolean inlineMetadata) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("event loop (inline)", Workers.INLINE, 1, false),
            new Variant("platform pool 2", Workers.POOL, 2, false),
            new Variant("platform pool 8", Workers.POOL, 8, false),
            new Variant("platform pool 32", Workers.POOL, 32, false),
            new Variant("virtual threads", Workers.VIRTUAL, 1, false),
            new Variant("pool 8 + metadata on event loop (default)", Workers.POOL, 8, true));

    static void run(Mode mode, PrintStream out) throws Exception {
        out.println("| workers | load | thr | ops/s | p50 µs | p99 µs | fsyncs |");
        out.println("|---|---|--:|--:|--:|--:|--:|");
        Runner runner = new Runner(mode.warmupMillis(), mode.measureMillis());
        for (Variant v : VARIANTS) {
            try (Fixture f = new Fixture(mode, v.workers(), v.pool(), v.inlineMetadata())) {
                RemoteOps unix = new RemoteOps(f, f.unix, "u");
                runner.run(unix.stat(Fixture.DEPTH5), 1, null); // JIT priming, discarded
                for (int threads : mode.threads()) {
                    print(out, v, "stat depth 5", threads, runner.run(unix.stat(Fixture.DEPTH5), threads, null), -1);
                }
                try (Noise noise = new Noise(f)) {
                    Sample s = runner.run(unix.stat(Fixture.DEPTH5), 4, null);
                    print(out, v, "stat depth 5 + fsync neighbour", 4, s, noise.fsyncs.get());
                }
            }
        }
    }

    private static void print(PrintStream out, Variant v, String load, int threads, Sample s, long fsyncs) {
        out.println(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.1f | %.1f | %s |", v.name(), load, threads,
                s.opsPerSecond(), s.percentileMicros(0.5), s.percentileMicros(0.99), fsyncs < 0 ? "" : fsyncs));
    }

    /** Another connection writing 8 MiB and fsyncing it, over and over, until closed. */
    private static final class Noise implements AutoCloseable {
        final AtomicLong fsyncs = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private final List<Throwable> failure = new ArrayList<>();

        Noise(Fixture f) {
            thread = Thread.ofPlatform().name("fsync-noise").start(() -> {
                try (Session s = Lisa4jClient.connect(URI.create("unix:" + f.socket));
                        RemoteFile file = s.mount(Fixture.EXPORT).open("scratch/noise", O_WRONLY | O_CREAT, 0644)) {
                    ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
                    for (long round = 0; !stop.get(); round++) {
                        for (int i = 0; i < 8; i++) {
                            chunk.put(0, (byte) round);
                            file.pwrite(((long) i) << 20, chunk);
                        }
                        file.fsync();
                        fsyncs.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.add(e);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
            if (!failure.isEmpty()) {
                throw new IllegalStateException("noise failed", failure.getFirst());
            }
        }
    }
}
