package io.lisa4j.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's reply reader against a scripted peer on a real Unix socket: replies cut into single
 * bytes, replies larger than its buffer, a reply over the negotiated maximum, a stream that loses
 * frame sync, and a peer that leaves in the middle of a frame.
 */
class ReplyStreamTest {
    private static final int MAX_MESSAGE = 256 * 1024;

    @TempDir
    Path temp;

    /** One accepted connection, answering HELLO, then doing what the test scripts. */
    private interface Script {
        void run(SocketChannel peer) throws Exception;
    }

    private Session connect(Script script) throws Exception {
        Path socket = temp.resolve("peer.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
            try (server; SocketChannel c = server.accept()) {
                Header hello = readRequest(c);
                writeReply(c, hello, 0, ReplyBodies.hello(new Negotiated(ProtocolConstants.VERSION, 0, MAX_MESSAGE,
                        "scripted", 64, 256, 255)), new byte[0]);
                script.run(c);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        // Reconnect off: the scripted peer accepts one connection, and each case is about how its loss surfaces.
        Session s = Lisa4jClient.connect(java.net.URI.create("unix:" + socket),
                io.lisa4j.client.ClientOptions.DEFAULTS.withReconnect(io.lisa4j.client.ReconnectPolicy.OFF));
        peerDone = peer;
        return s;
    }

    private CompletableFuture<Void> peerDone;

    @Test
    void repliesCutIntoSingleBytesAndRepliesLargerThanTheReadBufferArriveWhole() throws Exception {
        int big = 200 * 1024;
        try (Session s = connect(c -> {
            for (int i = 0; i < 3; i++) {
                Header ping = readRequest(c);
                ByteBuffer frame = frame(ping.id, ping.opcode, 0, ReplyBodies.ping(), new byte[0]);
                while (frame.hasRemaining()) {
                    c.write(frame.slice(frame.position(), 1));
                    frame.position(frame.position() + 1);
                }
            }
            Header ping = readRequest(c);
            // A PING reply with a large data section: the SDK ignores the data but must stay in sync.
            writeReply(c, ping, 0, ReplyBodies.ping(), new byte[big]);
            Header last = readRequest(c);
            writeReply(c, last, 0, ReplyBodies.ping(), new byte[0]);
            readEnd(c);
        })) {
            s.ping();
            s.ping();
            s.ping();
            s.ping();
            s.ping();
            assertTrue(s.isOpen());
        }
        peerDone.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReplyOverTheNegotiatedMaximumFailsItsCallWithEmsgsizeAndTheSessionGoesOn() throws Exception {
        try (Session s = connect(c -> {
            Header first = readRequest(c);
            writeReply(c, first, 0, ReplyBodies.ping(), new byte[MAX_MESSAGE]);
            Header second = readRequest(c);
            writeReply(c, second, 0, ReplyBodies.ping(), new byte[0]);
            readEnd(c);
        })) {
            ErrnoException e = assertThrows(ErrnoException.class, s::ping);
            assertTrue(e.is(Errno.EMSGSIZE), e.toString());
            s.ping();
            assertTrue(s.isOpen());
        }
        peerDone.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStreamOutOfSyncClosesTheSessionAndFailsTheCall() throws Exception {
        try (Session s = connect(c -> {
            readRequest(c);
            // A length shorter than the header itself cannot start a frame.
            c.write(ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 3));
            readEnd(c);
        })) {
            ErrnoException e = assertThrows(ErrnoException.class, s::ping);
            assertTrue(e.is(Errno.ENOTCONN), e.toString());
            assertTrue(assertInstanceOf(ErrnoException.class, e.getCause()).is(Errno.EPROTO), "cause: " + e.getCause());
            assertFalse(s.isOpen());
            assertTrue(assertThrows(ErrnoException.class, s::ping).is(Errno.ENOTCONN));
        }
        peerDone.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPeerLeavingInTheMiddleOfAFrameFailsTheCallWithEnotconn() throws Exception {
        try (Session s = connect(c -> {
            Header ping = readRequest(c);
            ByteBuffer frame = frame(ping.id, ping.opcode, 0, ReplyBodies.ping(), new byte[100 * 1024]);
            c.write(frame.limit(frame.limit() / 2));
        })) {
            ErrnoException e = assertThrows(ErrnoException.class, s::ping);
            assertTrue(e.is(Errno.ENOTCONN), e.toString());
            assertFalse(s.isOpen());
        }
        peerDone.get(10, TimeUnit.SECONDS);
    }

    private record Header(int id, int opcode) {}

    private static Header readRequest(SocketChannel c) throws IOException {
        ByteBuffer head = readExactly(c, ProtocolConstants.HEADER_SIZE);
        int length = head.getInt(0);
        readExactly(c, length - ProtocolConstants.HEADER_AFTER_LENGTH);
        int opcode = Short.toUnsignedInt(head.getShort(8));
        return new Header(head.getInt(4), opcode);
    }

    /** Waits for the client to close its end. */
    private static void readEnd(SocketChannel c) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (c.read(sink.clear()) >= 0) {
            // drain
        }
    }

    private static ByteBuffer readExactly(SocketChannel c, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new IOException("client closed");
            }
        }
        return b.flip();
    }

    private static void writeReply(SocketChannel c, Header to, int status, ByteBuffer body, byte[] data)
            throws IOException {
        ByteBuffer f = frame(to.id, to.opcode, status, body, data);
        while (f.hasRemaining()) {
            c.write(f);
        }
    }

    private static ByteBuffer frame(int id, int opcode, int status, ByteBuffer body, byte[] data) {
        int bodyLength = body.remaining();
        ByteBuffer f = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + bodyLength + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + bodyLength + data.length).putInt(id)
                .putShort((short) opcode).putShort((short) 0).putInt(status).putInt(bodyLength)
                .put(body.duplicate()).put(data);
        return f.flip();
    }
}
