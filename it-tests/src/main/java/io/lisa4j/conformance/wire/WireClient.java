package io.lisa4j.conformance.wire;

import io.lisa4j.conformance.run.CaseFailure;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.tls.TlsFiles;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Speaks raw frames, so cases can send what no well-behaved client would (corrupt headers,
 * garbage bodies, oversize frames) and see exactly what the server answers. Reads give up after a
 * generous hang guard so that a server that never answers fails a case instead of stalling the suite;
 * nothing is ever asserted about how fast an answer comes.
 */
public final class WireClient implements AutoCloseable {
    /** A hang guard, not a timing assertion. */
    private static final long HANG_GUARD_MILLIS = 20_000;

    private final WireTransport transport;
    private int nextId = 1;

    private WireClient(WireTransport transport) {
        this.transport = transport;
    }

    /** {@code unix:/path} or {@code tcp:host:port}, plaintext. */
    public static WireClient connect(String endpoint) throws IOException {
        return connect(endpoint, null);
    }

    /** {@code unix:/path} or {@code tcp:host:port}; a TCP connection speaks TLS with {@code tls} when it is not null. */
    public static WireClient connect(String endpoint, TlsFiles tls) throws IOException {
        SocketAddress address = address(endpoint);
        if (tls != null && address instanceof InetSocketAddress tcp) {
            return new WireClient(TlsTransport.connect(tcp, tls));
        }
        return new WireClient(PlainTransport.connect(address));
    }

    static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("unix:")) {
            String p = endpoint.substring(5);
            return UnixDomainSocketAddress.of(Path.of(p.startsWith("//") ? p.substring(2) : p));
        }
        if (endpoint.startsWith("tcp:")) {
            String hp = endpoint.substring(4);
            hp = hp.startsWith("//") ? hp.substring(2) : hp;
            int colon = hp.lastIndexOf(':');
            String host = hp.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(hp.substring(colon + 1)));
        }
        throw new IllegalArgumentException("target must be unix:/path or tcp:host:port, got " + endpoint);
    }

    public int nextId() {
        return nextId++;
    }

    /** A well-formed frame: header, body, data. */
    public static byte[] frame(int requestId, int opcode, int fsid, ByteBuffer body, byte[] data) {
        int bodyLength = body == null ? 0 : body.remaining();
        int dataLength = data == null ? 0 : data.length;
        ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + bodyLength + dataLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + bodyLength + dataLength).putInt(requestId)
                .putShort((short) opcode).putShort((short) 0).putInt(fsid).putInt(bodyLength);
        if (body != null) {
            frame.put(body.duplicate());
        }
        if (data != null) {
            frame.put(data);
        }
        return frame.array();
    }

    /** A bare header with the given fields, for frames whose header lies. */
    public static byte[] header(long length, int requestId, int opcode, int fsid, long bodyLength) {
        return ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) length).putInt(requestId).putShort((short) opcode).putShort((short) 0)
                .putInt(fsid).putInt((int) bodyLength).array();
    }

    public void send(int requestId, int opcode, int fsid, ByteBuffer body, byte[] data) throws IOException {
        sendRaw(frame(requestId, opcode, fsid, body, data));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        if (!transport.write(ByteBuffer.wrap(bytes), HANG_GUARD_MILLIS)) {
            throw hangGuard();
        }
    }

    public WireReply receive() throws IOException {
        ByteBuffer header = readFully(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt();
        int requestId = header.getInt();
        int opcode = Short.toUnsignedInt(header.getShort());
        header.getShort();
        int status = header.getInt();
        int bodyLength = header.getInt();
        if (length < ProtocolConstants.HEADER_AFTER_LENGTH || bodyLength < 0
                || bodyLength > length - ProtocolConstants.HEADER_AFTER_LENGTH) {
            throw new CaseFailure("server sent a malformed header: length " + length + ", body " + bodyLength);
        }
        byte[] body = readFully(bodyLength).array();
        byte[] data = readFully(length - ProtocolConstants.HEADER_AFTER_LENGTH - bodyLength).array();
        return new WireReply(requestId, opcode, status, body, data);
    }

    /** Sends one request and returns its reply; the reply must echo the id and the opcode. */
    public WireReply call(int opcode, int fsid, ByteBuffer body) throws IOException {
        return call(opcode, fsid, body, null);
    }

    public WireReply call(int opcode, int fsid, ByteBuffer body, byte[] data) throws IOException {
        int id = nextId();
        send(id, opcode, fsid, body, data);
        WireReply reply = receive();
        if (reply.requestId() != id || reply.opcode() != opcode) {
            throw new CaseFailure("expected a reply to id " + id + " opcode " + opcode + ", got id "
                    + reply.requestId() + " opcode " + reply.opcode());
        }
        return reply;
    }

    public HelloReply hello(int maxMessageSize) throws IOException {
        WireReply reply = call(Opcode.Hello, 0, RequestBodies.hello(1, 1, 0, maxMessageSize, "lisa4j-conformance"));
        if (reply.status() != 0) {
            throw new CaseFailure("expected HELLO to succeed, got status " + reply.status());
        }
        return HelloReply.getRootAsHelloReply(reply.bodyBuffer());
    }

    public HelloReply hello() throws IOException {
        return hello(ProtocolConstants.DEFAULT_MAX_MESSAGE);
    }

    /** MOUNTs {@code name}; returns the fsid. */
    public int mount(String name) throws IOException {
        WireReply reply = call(Opcode.Mount, 0, RequestBodies.mount(name.getBytes(StandardCharsets.UTF_8)));
        if (reply.status() != 0) {
            throw new CaseFailure("expected MOUNT " + name + " to succeed, got status " + reply.status());
        }
        return (int) MountReply.getRootAsMountReply(reply.bodyBuffer()).fsid();
    }

    /** True when the server closes the connection (end of stream or reset); replies before that are skipped. */
    public boolean closedByServer() {
        try {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                sink.clear();
                if (transport.read(sink, Math.max(1, deadline - System.currentTimeMillis())) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            int r = transport.read(buf, HANG_GUARD_MILLIS);
            if (r < 0) {
                throw new EOFException("server closed the connection");
            }
            if (r == 0) {
                throw hangGuard();
            }
        }
        return buf.flip();
    }

    private static CaseFailure hangGuard() {
        return new CaseFailure("the server sent nothing for " + HANG_GUARD_MILLIS / 1000 + " s (hang guard)");
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
