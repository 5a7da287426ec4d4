package io.lisa4j.server;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.host.sys.DescriptorLimit;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.ConnectionLimits;
import java.io.File;

/**
 * How many descriptors the daemon may give to connections and handles: RLIMIT_NOFILE, its soft
 * limit first raised to the hard limit, less a reserve for the daemon's own work, so that no
 * number of handles a client holds can make another client's path lookup fail with EMFILE. The
 * reserve is what was open when the daemon started (jars, logs, the listeners' sockets), a share
 * per thread that runs syscalls (a path walk holds its directories, an OPEN the object and its
 * reopening, a listing its directory; an event loop its epoll and wakeup descriptors), and a
 * fixed slack for the rest (the metrics listener and its clients, the stream-wait thread).
 */
public record DescriptorBudget(long limit, int openAtStart, int threads) {
    /** Descriptors one syscall-running thread may hold at once, a walk of a dozen directories included. */
    static final int PER_THREAD = 16;
    static final int SLACK = 64;
    /** A connection's socket and its descriptor side-channel (§3.3). */
    public static final int PER_CONNECTION = 2;
    /** The default connection limit leaves room for this many handles per connection on average. */
    private static final int HANDLES_PER_CONNECTION = 6;
    /** A connection may hold this share of the server-wide handles by default, so one cannot take them all. */
    private static final int CONNECTION_SHARE = 4;

    /** Raises RLIMIT_NOFILE's soft limit and measures; {@code ioThreads} 0 counts Netty's default. */
    public static DescriptorBudget measure(int workerThreads, int ioThreads) {
        long limit;
        try {
            limit = DescriptorLimit.raiseSoftToHard();
        } catch (ErrnoException e) {
            throw new IllegalStateException("getrlimit(RLIMIT_NOFILE): " + e.getMessage(), e);
        }
        int loops = ioThreads > 0 ? ioThreads : 2 * Runtime.getRuntime().availableProcessors();
        return new DescriptorBudget(limit, openNow(), workerThreads + loops);
    }

    /** Counted once per process, so that the configuration and the server's start agree on the reserve. */
    private static int openNow() {
        synchronized (DescriptorBudget.class) {
            if (openAtFirstMeasure < 0) {
                String[] open = new File("/proc/self/fd").list();
                openAtFirstMeasure = open == null ? 0 : open.length;
            }
            return openAtFirstMeasure;
        }
    }

    private static int openAtFirstMeasure = -1;

    public long reserve() {
        return openAtStart + (long) PER_THREAD * threads + SLACK;
    }

    /** Descriptors left for connections and handles. */
    public long available() {
        return Math.max(0, limit - reserve());
    }

    /** The most connections the budget allows. */
    public int maxConnections() {
        return (int) Math.min(Integer.MAX_VALUE, available() / PER_CONNECTION);
    }

    /** Without a setting: 1024, or fewer where the limit is small. */
    public int defaultConnections() {
        long fit = available() / (PER_CONNECTION + HANDLES_PER_CONNECTION);
        return (int) Math.max(1, Math.min(ConnectionLimits.DEFAULT.maxConnections(), fit));
    }

    /** The most handles all connections together may hold when {@code connections} are open. */
    public int maxServerHandles(int connections) {
        long left = available() - (long) PER_CONNECTION * connections;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    /** Without a setting: 65,536, or what the budget leaves. */
    public int defaultServerHandles(int connections) {
        return Math.max(1, Math.min(ConnectionLimits.DEFAULT.maxServerHandles(), maxServerHandles(connections)));
    }

    /** Without a setting: 4096, or a quarter of the server-wide handles where that is less. */
    public static int defaultHandles(int serverHandles) {
        return Math.max(1, Math.min(Limits.DEFAULT.maxHandles(), serverHandles / CONNECTION_SHARE));
    }

    /**
     * Logs the budget and the limits in force; warns when they could use more descriptors than
     * the budget has (possible only for a configuration built in code: the daemon's is checked).
     */
    void report(ConnectionLimits guards, Limits perConnection) {
        Object[] fields = {"rlimit_nofile", limit, "reserve", reserve(), "max_connections", guards.maxConnections(),
            "max_server_handles", guards.maxServerHandles(), "max_handles", perConnection.maxHandles()};
        if (guards.maxServerHandles() > maxServerHandles(guards.maxConnections())) {
            Log.warn("descriptor_limit_exceeded", fields);
        } else {
            Log.info("descriptor_limit", fields);
        }
    }

    @Override
    public String toString() {
        return "RLIMIT_NOFILE " + limit + ", reserve " + reserve();
    }
}
