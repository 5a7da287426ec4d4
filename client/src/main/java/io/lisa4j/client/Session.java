package io.lisa4j.client;

import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;

/**
 * One connection to a server, after a successful handshake. Any number of threads may call
 * through it at once: requests are pipelined and their replies matched by id. When the
 * connection drops, every outstanding and later call fails with ErrnoException ENOTCONN.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final Negotiated negotiated;
    private final AsyncSession async;

    Session(Connection connection, Negotiated negotiated) {
        this.connection = connection;
        this.negotiated = negotiated;
        this.async = new AsyncSession(connection);
    }

    /** Version, features, limits and server name agreed in HELLO. */
    public Negotiated negotiated() {
        return negotiated;
    }

    /** Most bytes one PREAD or PWRITE carries on this connection. */
    public int maxDataPerRpc() {
        return negotiated.maxMessageSize() - io.lisa4j.protocol.ProtocolConstants.DATA_HEADROOM;
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
        return "Session[" + negotiated.serverName() + ", v" + negotiated.version() + "]";
    }
}
