package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fd.FdPassing;
import io.lisa4j.protocol.message.RequestBodies;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The client end of the descriptor side-channel (PROTOCOL.md §3.3): a second, blocking Unix
 * socket to the server, attached to the session with the token HELLO returned, on which the
 * server sends one SCM_RIGHTS record per donated descriptor. The server sends a record before the
 * OPEN reply it belongs to, so when a reply says "donated", its record is already queued here and
 * {@link #take} never waits for the network. Records for other requests read on the way are parked.
 */
final class FdChannel implements AutoCloseable {
    private final int socket;
    private final Map<Integer, Integer> parked = new HashMap<>();
    private boolean closed;

    private FdChannel(int socket) {
        this.socket = socket;
    }

    /** Connects to {@code socketPath} and presents {@code token}; the server answers with status 0. */
    static FdChannel attach(Path socketPath, byte[] token) throws ErrnoException {
        int fd = FdPassing.connectUnix(socketPath.toString());
        try {
            FdPassing.sendAll(fd, frame(RequestBodies.fdChannel(token)));
            ByteBuffer header = ByteBuffer.wrap(FdPassing.receiveExactly(fd, ProtocolConstants.HEADER_SIZE))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int rest = header.getInt(0) - ProtocolConstants.HEADER_AFTER_LENGTH;
            int status = header.getInt(12);
            if (rest < 0 || rest > ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE) {
                throw new ErrnoException(Errno.EPROTO, "bad FD_CHANNEL reply");
            }
            FdPassing.receiveExactly(fd, rest);
            if (status != ProtocolConstants.STATUS_OK) {
                throw new ErrnoException(status > 0 ? status : Errno.EPROTO.number(), "FD_CHANNEL refused");
            }
            return new FdChannel(fd);
        } catch (ErrnoException | RuntimeException e) {
            FdPassing.closeQuietly(fd);
            throw e;
        }
    }

    private static byte[] frame(ByteBuffer body) {
        int bodyLength = body.remaining();
        ByteBuffer f = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + bodyLength).putInt(1).putShort((short) Opcode.FdChannel)
                .putShort((short) 0).putInt(ProtocolConstants.NO_FSID).putInt(bodyLength).put(body.duplicate());
        return f.array();
    }

    /** The descriptor donated with the reply to {@code requestId}; the caller owns it. */
    synchronized int take(int requestId) throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.ENOTCONN, "descriptor channel closed");
        }
        Integer ready = parked.remove(requestId);
        while (ready == null) {
            FdPassing.Received r = FdPassing.receive(socket);
            if (r.requestId() == requestId) {
                ready = r.fd();
            } else {
                Integer stale = parked.put(r.requestId(), r.fd());
                if (stale != null) {
                    FdPassing.closeQuietly(stale);
                }
            }
        }
        if (ready < 0) {
            throw new ErrnoException(Errno.EPROTO, "descriptor record without a descriptor");
        }
        return ready;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        FdPassing.closeQuietly(socket);
        parked.values().forEach(FdPassing::closeQuietly);
        parked.clear();
    }
}
