package io.lisa4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.function.LongSupplier;

/**
 * Runs one row: {@code threads} platform threads each run their own {@link Op} in a closed loop,
 * first for the warm-up (discarded), then for the measured window, timing every call.
 */
final class Runner {
    private static final int MAX_SAMPLES_PER_THREAD = 1 << 22;

    private final long warmupNanos;
    private final long measureNanos;

    Runner(long warmupMillis, long measureMillis) {
        this.warmupNanos = warmupMillis * 1_000_000;
        this.measureNanos = measureMillis * 1_000_000;
    }

    /** One thread's measured window. */
    private record Window(long nextIteration, long[] latencies, int count, long bytes) {}

    /** @param rpcs the client's RPC total (for RPCs per op), or null for targets that send none */
    Sample run(Op.PerThread factory, int threads, LongSupplier rpcs) throws Exception {
        Window[] windows = new Window[threads];
        Throwable[] failure = new Throwable[1];
        long[] start = new long[2];
        CyclicBarrier ready = new CyclicBarrier(threads + 1);
        // The action runs before any thread is released into the measured window, so the RPC count
        // and the clock start exactly where the window does.
        CyclicBarrier warm = new CyclicBarrier(threads + 1, () -> {
            start[0] = rpcs == null ? 0 : rpcs.getAsLong();
            start[1] = System.nanoTime();
        });
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().name("bench-" + t).start(() -> {
                try {
                    Op op = factory.forThread(id);
                    ready.await();
                    Window w = loop(op, 0, warmupNanos);
                    warm.await();
                    windows[id] = loop(op, w.nextIteration(), measureNanos);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    ready.reset();
                    warm.reset();
                }
            }));
        }
        try {
            ready.await();
            warm.await();
        } catch (Exception e) {
            // A worker failed; it is reported below.
        }
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - start[1];
        long sent = rpcs == null ? 0 : rpcs.getAsLong() - start[0];
        factory.cleanup();
        if (failure[0] != null) {
            throw new IllegalStateException("benchmark thread failed", failure[0]);
        }
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        long bytes = 0;
        for (int t = 0; t < threads; t++) {
            latencies[t] = windows[t].latencies();
            counts[t] = windows[t].count();
            bytes += windows[t].bytes();
        }
        int ops = Arrays.stream(counts).sum();
        return Sample.of(latencies, counts, bytes, elapsed, rpcs == null || ops == 0 ? 0 : (double) sent / ops);
    }

    /** Runs {@code op} until {@code duration} has passed, timing each call. */
    private static Window loop(Op op, long first, long duration) throws Exception {
        long end = System.nanoTime() + duration;
        long i = first;
        int n = 0;
        long moved = 0;
        long[] samples = new long[1024];
        for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
            moved += op.run(i++);
            long dt = System.nanoTime() - t0;
            if (n == samples.length && n < MAX_SAMPLES_PER_THREAD) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            if (n < samples.length) {
                samples[n++] = dt;
            }
        }
        return new Window(i, samples, n, moved);
    }
}
