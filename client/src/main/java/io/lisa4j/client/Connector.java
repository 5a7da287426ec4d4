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
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;

/** Opens the socket and builds the pipeline; one event loop group serves every connection. */
final class Connector {
    private Connector() {}

    private static final class Loops {
        // Daemon threads: an application that forgets close() must still be able to exit.
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("lisa4j-client", true), EpollIoHandler.newFactory());
    }

    static Connection connect(Endpoint endpoint, ChannelSecurity security) throws IOException {
        Bootstrap bootstrap = new Bootstrap()
                .group(Loops.GROUP)
                .channel(endpoint instanceof Endpoint.Unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class)
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
        Connection connection = new Connection(channel, channel.pipeline().get(FrameDecoder.class));
        channel.pipeline().addLast("replies", connection.replyHandler());
        return connection;
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
