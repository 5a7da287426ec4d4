package io.lisa4j.client;

import java.time.Duration;
import java.util.List;

/**
 * Told when a session's connection drops and what came of reconnecting it. Called on the thread
 * that noticed the loss or on the session's reconnect thread; do not block there.
 */
public interface ConnectionListener {
    /** The connection to {@code endpoint} went away; calls wait while the session reconnects. */
    default void disconnected(String endpoint, Throwable cause) {}

    /**
     * The session is usable again after {@code attempts} attempts, {@code outage} after the loss.
     * {@code lost} names what could not be restored: an export no longer there, an open file
     * unlinked or replaced meanwhile (its calls now fail with ESTALE).
     */
    default void reconnected(String endpoint, int attempts, Duration outage, List<String> lost) {}

    /** Every attempt of a round failed; calls fail with ENOTCONN until a later call's round succeeds. */
    default void reconnectFailed(String endpoint, int attempts, Throwable cause) {}
}
