package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;

/**
 * ENOTCONN: the connection went away before this call's reply arrived. {@link #sent()} says
 * whether the request may have reached the server, {@link #replayable()} whether sending it again
 * would do no harm if it had (PROTOCOL.md §12). The blocking API replays what is safe to replay
 * once the session has reconnected; what it throws is a call that was not replayed.
 */
public final class ConnectionLostException extends ErrnoException {
    private final String context;
    private final boolean sent;
    private final boolean replayable;
    private final transient Connection connection;

    private ConnectionLostException(String context, boolean sent, boolean replayable, Connection connection) {
        super(Errno.ENOTCONN, context);
        this.context = context;
        this.sent = sent;
        this.replayable = replayable;
        this.connection = connection;
    }

    static ConnectionLostException closed(String message, Connection connection) {
        return new ConnectionLostException(message, false, true, connection);
    }

    /** The wire's report of its end: an ENOTCONN whose cause, if any, says why (EPROTO, ECONNRESET...). */
    static ConnectionLostException lost(ErrnoException wire, Connection connection) {
        ConnectionLostException e = new ConnectionLostException("connection lost", false, true, connection);
        e.initCause(wire.getCause() != null ? wire.getCause() : wire);
        return e;
    }

    /** The same loss, for a request that never left this process. */
    ConnectionLostException unsent() {
        return derived(context, false, true);
    }

    /** The same loss, for {@code call}, sent and not answered. */
    ConnectionLostException inFlight(Call<?> call) {
        boolean again = call.replayable();
        return derived(Opcodes.name(call.opcode()) + " in flight when the connection was lost"
                + (again ? "" : "; not replayed, it may or may not have been applied"), true, again);
    }

    /** The same loss, for a call that will not be replayed although it could have been. */
    ConnectionLostException notReplayed(String why) {
        return derived(context + "; " + why, sent, false);
    }

    private ConnectionLostException derived(String message, boolean sent, boolean replayable) {
        ConnectionLostException e = new ConnectionLostException(message, sent, replayable, connection);
        e.initCause(getCause() != null ? getCause() : this);
        return e;
    }

    /** The loss that failed a future, looking through CompletionException; null for any other failure. */
    static ConnectionLostException in(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        return t instanceof ConnectionLostException lost ? lost : null;
    }

    /** Whether the request may have reached the server (false: it certainly did not). */
    public boolean sent() {
        return sent;
    }

    /** Whether the request is one that may be sent again without changing its outcome. */
    public boolean replayable() {
        return replayable;
    }

    /** Whether a reconnected session may send this call again. */
    boolean retriable() {
        return !sent || replayable;
    }

    Connection connection() {
        return connection;
    }
}
