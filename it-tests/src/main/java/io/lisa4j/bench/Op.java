package io.lisa4j.bench;

/** One operation of a benchmark row, run by one thread; returns the data bytes it moved (0 for metadata). */
@FunctionalInterface
interface Op {
    long run(long iteration) throws Exception;

    /** Builds each client thread's own {@link Op} (its own handles and names), and frees them after. */
    interface PerThread {
        Op forThread(int thread) throws Exception;

        default void cleanup() throws Exception {}
    }
}
