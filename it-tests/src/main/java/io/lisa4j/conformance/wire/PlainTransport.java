package io.lisa4j.conformance.wire;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** A Unix or plaintext TCP socket, non-blocking, with a selector so that no read or write waits forever. */
final class PlainTransport implements WireTransport {
    private final SocketChannel channel;
    private final Selector selector;

    private PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    static PlainTransport connect(SocketAddress address) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        try {
            ch.connect(address);
            return new PlainTransport(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public boolean write(ByteBuffer buf, long guardMillis) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0 && !await(SelectionKey.OP_WRITE, guardMillis)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int read(ByteBuffer buf, long guardMillis) throws IOException {
        int n = channel.read(buf);
        if (n == 0 && await(SelectionKey.OP_READ, guardMillis)) {
            n = channel.read(buf);
        }
        return n;
    }

    private boolean await(int op, long guardMillis) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(op);
        int ready = selector.select(Math.max(1, guardMillis));
        selector.selectedKeys().clear();
        key.interestOps(SelectionKey.OP_READ);
        return ready > 0;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
