package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Opens the socket. A Unix socket gets a {@link UnixWire}, read by the threads that wait for
 * replies; TCP gets a Netty pipeline (TLS, frame codec) on one event loop group shared by every
 * connection.
 */
final class Connector {
    private Connector() {}

    private static final class Loops {
        // Daemon threads: an application that forgets close() must still be able to exit.
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("lisa4j-client", true), EpollIoHandler.newFactory());
    }

    static Wire open(Endpoint endpoint, ChannelSecurity security) throws IOException {
        if (endpoint instanceof Endpoint.Unix unix) {
            try {
                return UnixWire.connect(unix.socket());
            } catch (ErrnoException e) {
                ErrnoException failure = new ErrnoException(e.errno(), "cannot connect to " + endpoint);
                failure.initCause(e);
                throw failure;
            }
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(Loops.GROUP)
                .channel(EpollSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        security.install(ch);
                        ch.pipeline().addLast("frameDecoder",
                                new FrameDecoder(ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE));
                        ch.pipeline().addLast("frameEncoder", FrameEncoder.INSTANCE);
                    }
                });
        if (endpoint instanceof Endpoint.Tcp) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture connected = bootstrap.connect(endpoint.socketAddress());
        try {
            connected.await();
        } catch (InterruptedException e) {
            connected.cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + endpoint);
        }
        if (!connected.isSuccess()) {
            ErrnoException failure = new ErrnoException(Errno.ECONNREFUSED, "cannot connect to " + endpoint);
            failure.initCause(connected.cause());
            throw failure;
        }
        Channel channel = connected.channel();
        awaitTls(channel, endpoint);
        return new NettyWire(channel);
    }

    /** With TLS, nothing is sent before the handshake succeeded; a refused handshake is EACCES. */
    private static void awaitTls(Channel channel, Endpoint endpoint) throws IOException {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return;
        }
        var handshake = tls.handshakeFuture();
        try {
            handshake.await();
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the TLS handshake with " + endpoint);
        }
        if (!handshake.isSuccess()) {
            channel.close();
            ErrnoException failure = new ErrnoException(Errno.EACCES, "TLS handshake with " + endpoint + " failed");
            failure.initCause(handshake.cause());
            throw failure;
        }
    }
}
