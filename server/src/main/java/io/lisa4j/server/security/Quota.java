package io.lisa4j.server.security;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count shared across connections with a ceiling: the server's open connections, or the
 * handles all connections hold together, so that many clients each under their own limits still
 * cannot exhaust the process.
 */
public final class Quota {
    private final AtomicInteger used = new AtomicInteger();
    private final int capacity;

    public Quota(int capacity) {
        this.capacity = capacity;
    }

    public static Quota unlimited() {
        return new Quota(Integer.MAX_VALUE);
    }

    /** Takes one unit, unless the ceiling is reached. */
    public boolean tryTake() {
        for (;;) {
            int n = used.get();
            if (n >= capacity) {
                return false;
            }
            if (used.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void give() {
        used.decrementAndGet();
    }

    public int used() {
        return used.get();
    }
}
