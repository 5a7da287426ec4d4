package io.lisa4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport's floor for an empty RPC: a 20-byte ping-pong (one frame header each way) over a
 * blocking JDK socket, with a thread per connection echoing on the other side.
 */
final class RawEcho implements AutoCloseable {
    private static final int MESSAGE = 20;

    private final ServerSocketChannel server;
    private final java.net.SocketAddress address;
    private final List<SocketChannel> clients = new ArrayList<>();

    private RawEcho(ServerSocketChannel server) throws IOException {
        this.server = server;
        this.address = server.getLocalAddress();
        Thread.ofPlatform().daemon().name("raw-echo-accept").start(this::accept);
    }

    static RawEcho unix(Path socket) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket));
        return new RawEcho(s);
    }

    static RawEcho tcp() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return new RawEcho(s);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel c = server.accept();
                Thread.ofPlatform().daemon().name("raw-echo").start(() -> echo(c));
            }
        } catch (IOException closed) {
            // the benchmark is over
        }
    }

    private static void echo(SocketChannel c) {
        ByteBuffer buf = ByteBuffer.allocateDirect(MESSAGE);
        try (c) {
            while (true) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (c.read(buf) < 0) {
                        return;
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    c.write(buf);
                }
            }
        } catch (IOException gone) {
            // client left
        }
    }

    /** Each client thread gets its own connection, as each would be a separate peer. */
    Op.PerThread pingPong() {
        return new Op.PerThread() {
            @Override
            public Op forThread(int t) throws IOException {
                SocketChannel c = SocketChannel.open(address);
                if (address instanceof InetSocketAddress) {
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                synchronized (clients) {
                    clients.add(c);
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(MESSAGE);
                return i -> {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        c.write(buf);
                    }
                    buf.clear();
                    while (buf.hasRemaining()) {
                        if (c.read(buf) < 0) {
                            throw new IOException("echo closed");
                        }
                    }
                    return 0;
                };
            }

            @Override
            public void cleanup() throws IOException {
                synchronized (clients) {
                    for (SocketChannel c : clients) {
                        c.close();
                    }
                    clients.clear();
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (address instanceof UnixDomainSocketAddress u) {
            java.nio.file.Files.deleteIfExists(u.getPath());
        }
    }
}
