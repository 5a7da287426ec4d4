package io.lisa4j.client;

import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;

/**
 * A session with a server, after a successful handshake. Any number of threads may call through
 * it at once: requests are pipelined and their replies matched by id. When the connection drops,
 * the session reconnects (unless {@link ClientOptions#reconnect()} is off): it mounts its exports
 * again under the same fsids and opens its open files again, and the blocking API sends again the
 * calls that were lost in flight and are safe to replay (PROTOCOL.md §12). What cannot be
 * recovered fails: ENOTCONN for a call that was not replayed, ESTALE for a file unlinked or
 * replaced meanwhile.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final AsyncSession async;

    Session(Connection connection) {
        this.connection = connection;
        this.async = new AsyncSession(connection);
    }

    /** Version, features, limits and server name agreed in the latest HELLO. */
    public Negotiated negotiated() {
        return connection.negotiated();
    }

    /** Most bytes one PREAD or PWRITE carries on this connection. */
    public int maxDataPerRpc() {
        return negotiated().maxMessageSize() - io.lisa4j.protocol.ProtocolConstants.DATA_HEADROOM;
    }

    /** Tells {@code listener} of every loss of the connection and of what reconnecting achieved. */
    public void onConnectionEvents(ConnectionListener listener) {
        connection.listen(listener);
    }

    Connection connection() {
        return connection;
    }

    public AsyncSession async() {
        return async;
    }

    /** Requests sent on this connection, in total and per opcode. */
    public RpcCounter rpcCounter() {
        return connection.counter();
    }

    /** Whether the connection is up now (false while it reconnects, and after close). */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * MOUNT an export by name (UTF-8); paths resolve in IN_ROOT mode unless chosen otherwise
     * ({@link RemoteFs#withResolveMode}).
     */
    public RemoteFs mount(String exportName) throws IOException {
        return Blocking.call(connection, () -> async.mount(exportName)).blocking();
    }

    /** MOUNT an export whose name is not UTF-8 text. */
    public RemoteFs mount(byte[] exportName) throws IOException {
        return Blocking.call(connection, () -> async.mount(exportName)).blocking();
    }

    public void ping() throws IOException {
        Blocking.call(connection, () -> async.ping());
    }

    /** Closes the socket; the server then releases every handle and mount of this connection. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "Session[" + negotiated().serverName() + ", v" + negotiated().version() + "]";
    }
}
