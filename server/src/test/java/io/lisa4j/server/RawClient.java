package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Speaks raw frames over a blocking socket, so tests see exactly what the server sends. */
final class RawClient implements AutoCloseable {
    private final ByteChannel channel;
    private int nextId = 1;

    RawClient(ByteChannel channel) {
        this.channel = channel;
    }

    static RawClient connect(SocketAddress address) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        ch.connect(address);
        return new RawClient(ch);
    }

    static RawClient unix(Path socket) throws IOException {
        return connect(UnixDomainSocketAddress.of(socket));
    }

    static RawClient tcp(int port) throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", port));
    }

    int nextId() {
        return nextId++;
    }

    void send(int requestId, int opcode, int fsid, ByteBuffer body, byte[] data) throws IOException {
        send(requestId, opcode, 0, fsid, body, data);
    }

    void send(int requestId, int opcode, int flags, int fsid, ByteBuffer body, byte[] data) throws IOException {
        int bodyLength = body == null ? 0 : body.remaining();
        int dataLength = data == null ? 0 : data.length;
        ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + bodyLength + dataLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + bodyLength + dataLength).putInt(requestId)
                .putShort((short) opcode).putShort((short) flags).putInt(fsid).putInt(bodyLength);
        if (body != null) {
            frame.put(body.duplicate());
        }
        if (data != null) {
            frame.put(data);
        }
        sendRaw(frame.array());
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    RawReply receive() throws IOException {
        ByteBuffer header = readFully(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt();
        int requestId = header.getInt();
        int opcode = Short.toUnsignedInt(header.getShort());
        header.getShort();
        int status = header.getInt();
        int bodyLength = header.getInt();
        byte[] body = readFully(bodyLength).array();
        byte[] data = readFully(length - ProtocolConstants.HEADER_AFTER_LENGTH - bodyLength).array();
        return new RawReply(requestId, opcode, status, body, data);
    }

    /** Sends one request and returns its reply, checking the id and opcode are echoed. */
    RawReply call(int opcode, int fsid, ByteBuffer body) throws IOException {
        return call(opcode, fsid, body, null);
    }

    RawReply call(int opcode, int fsid, ByteBuffer body, byte[] data) throws IOException {
        return call(opcode, 0, fsid, body, data);
    }

    RawReply call(int opcode, int flags, int fsid, ByteBuffer body, byte[] data) throws IOException {
        int id = nextId();
        send(id, opcode, flags, fsid, body, data);
        RawReply reply = receive();
        assertEquals(id, reply.requestId(), "request id echoed");
        assertEquals(opcode, reply.opcode(), "opcode echoed");
        return reply;
    }

    HelloReply hello() throws IOException {
        RawReply reply = call(Opcode.Hello, 0, Bodies.hello(1, 1, 0, ProtocolConstants.DEFAULT_MAX_MESSAGE));
        assertEquals(0, reply.status(), "HELLO status");
        return HelloReply.getRootAsHelloReply(reply.bodyBuffer());
    }

    /** MOUNTs {@code name} and returns the fsid. */
    int mount(String name) throws IOException {
        RawReply reply = call(Opcode.Mount, 0, Bodies.mount(name));
        assertEquals(0, reply.status(), "MOUNT status");
        return (int) MountReply.getRootAsMountReply(reply.bodyBuffer()).fsid();
    }

    /** True when the server has closed the connection: the next read finds end of stream (or a reset). */
    boolean closedByServer() {
        try {
            ByteBuffer one = ByteBuffer.allocate(1);
            return channel.read(one) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException("server closed the connection");
            }
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
