package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a PING on a session that has sent nothing for its keepalive interval, so that the server's
 * idle timeout never drops a session that is merely quiet, and so that a lost connection is noticed
 * (and reconnected) while nobody calls. One daemon thread serves every session of the process.
 */
final class Keepalive {
    private Keepalive() {}

    private static final class Timer {
        static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lisa4j-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    private static final Map<Connection, ScheduledFuture<?>> WATCHED = new ConcurrentHashMap<>();

    static void watch(Connection connection, Duration interval) {
        if (interval.isZero()) {
            return;
        }
        long nanos = interval.toNanos();
        // Looking every half interval for half an interval of silence keeps every silence below one interval.
        WATCHED.put(connection, Timer.THREAD.scheduleWithFixedDelay(() -> tick(connection, nanos),
                nanos / 2, nanos / 2, TimeUnit.NANOSECONDS));
    }

    static void forget(Connection connection) {
        ScheduledFuture<?> task = WATCHED.remove(connection);
        if (task != null) {
            task.cancel(false);
        }
    }

    private static void tick(Connection connection, long intervalNanos) {
        Link link = connection.usableLink();
        if (link != null && link.idleNanos() >= intervalNanos / 2) {
            link.submit(new Call<Void>(Opcode.Ping, ProtocolConstants.NO_FSID, RequestBodies.ping(), r -> null), false);
        }
    }
}
