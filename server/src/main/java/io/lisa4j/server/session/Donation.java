package io.lisa4j.server.session;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.FdPassing;

/**
 * A session's descriptor side-channel (PROTOCOL.md §3.3): the socket on which donated host
 * descriptors leave, one SCM_RIGHTS record per OPEN that asked for one. The server sends on its
 * own duplicate of the side-channel's socket, closed only under this object's lock, so a send
 * can never reach a recycled descriptor number. Donation is best effort: when the channel is
 * missing, full or broken, the OPEN simply replies without a descriptor.
 */
public final class Donation implements AutoCloseable {
    private int socket = -1;
    private Runnable onClose = () -> {};
    private boolean closed;

    /** Takes ownership of {@code socketDup}; {@code onClose} tears the side-channel's connection down. */
    public synchronized boolean attach(int socketDup, Runnable onClose) {
        if (closed || socket >= 0) {
            FdPassing.closeQuietly(socketDup);
            return false;
        }
        this.socket = socketDup;
        this.onClose = onClose;
        return true;
    }

    public synchronized boolean attached() {
        return socket >= 0;
    }

    /**
     * Sends {@code fd} tagged {@code requestId} and closes it here (the kernel holds its own
     * reference in flight); true if it left.
     */
    public boolean send(int requestId, int fd) {
        try {
            synchronized (this) {
                if (socket < 0) {
                    return false;
                }
                try {
                    return FdPassing.sendFd(socket, requestId, fd);
                } catch (ErrnoException e) {
                    // The client closed its end (EPIPE, ECONNRESET): no more donations on this session.
                    detach();
                    return false;
                }
            }
        } finally {
            FdPassing.closeQuietly(fd);
        }
    }

    /** The side-channel went away: later OPENs are answered without descriptors. */
    public synchronized void detach() {
        if (socket >= 0) {
            FdPassing.closeQuietly(socket);
        }
        socket = -1;
        Runnable hook = onClose;
        onClose = () -> {};
        hook.run();
    }

    /** The session ended: closes the side-channel too. */
    @Override
    public synchronized void close() {
        closed = true;
        detach();
    }
}
