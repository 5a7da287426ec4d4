package io.lisa4j.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the number of outstanding requests within the server's {@code max_in_flight}, so a busy
 * client queues locally instead of collecting EAGAIN replies (PROTOCOL.md §4). Callers never block:
 * a send that finds no free slot runs later, when a reply frees one.
 */
final class InFlightLimiter {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int limit = Integer.MAX_VALUE;
    private int inFlight;
    private boolean closed;

    synchronized void setLimit(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Runs {@code send} now if a slot is free (or the limiter is closed), otherwise queues it. */
    void submit(Runnable send) {
        synchronized (this) {
            if (!closed && inFlight >= limit) {
                waiting.add(send);
                return;
            }
            inFlight++;
        }
        send.run();
    }

    /** Frees the slot of a finished request, handing it to the oldest queued send if there is one. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Stops queueing and returns the sends still waiting, so the caller can fail them. */
    synchronized List<Runnable> close() {
        closed = true;
        List<Runnable> dropped = new ArrayList<>(waiting);
        waiting.clear();
        return dropped;
    }
}
