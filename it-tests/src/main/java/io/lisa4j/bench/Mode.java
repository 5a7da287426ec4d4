package io.lisa4j.bench;

import java.util.List;

/** How long and how big: the full run behind {@code ./lisa4j bench}, or the seconds-long smoke test. */
record Mode(String name, long warmupMillis, long measureMillis, List<Integer> threads, long blobBytes,
        long writeWrapBytes, int handlesForRss, int connectionsForRss, int startRuns) {
    static final Mode FULL = new Mode("full", 700, 2000, List.of(1, 4, 16), 64L << 20, 32L << 20, 10_000, 64, 7);
    static final Mode QUICK = new Mode("quick", 30, 60, List.of(1, 4, 16), 8L << 20, 4L << 20, 200, 4, 3);
}
