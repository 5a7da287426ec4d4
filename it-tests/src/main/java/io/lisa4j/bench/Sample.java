package io.lisa4j.bench;

import java.util.Arrays;

/** What one row measured: the operation count, bytes, wall time and every latency, sorted for percentiles. */
record Sample(long ops, long bytes, long elapsedNanos, long[] sortedLatencies, double rpcsPerOp) {
    static Sample of(long[][] perThread, int[] counts, long bytes, long elapsedNanos, double rpcsPerOp) {
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < perThread.length; t++) {
            System.arraycopy(perThread[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Sample(total, bytes, elapsedNanos, all, rpcsPerOp);
    }

    double opsPerSecond() {
        return ops * 1e9 / elapsedNanos;
    }

    double megabytesPerSecond() {
        return bytes / 1e6 * 1e9 / elapsedNanos;
    }

    /** The {@code q} quantile in microseconds (nearest rank on the sorted latencies). */
    double percentileMicros(double q) {
        if (sortedLatencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedLatencies.length) - 1;
        return sortedLatencies[Math.max(0, Math.min(rank, sortedLatencies.length - 1))] / 1e3;
    }
}
