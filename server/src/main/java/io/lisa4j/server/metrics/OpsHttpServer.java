package io.lisa4j.server.metrics;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The operator's HTTP listener (metrics and health), on the server's event loops. */
public final class OpsHttpServer implements AutoCloseable {
    private static final int MAX_REQUEST = 8192;
    private final Channel channel;

    private OpsHttpServer(Channel channel) {
        this.channel = channel;
    }

    public static OpsHttpServer start(ListenAddress.Tcp address, EventLoopGroup loops, Supplier<String> scrape,
            BooleanSupplier ready) throws IOException {
        OpsHttpHandler handler = new OpsHttpHandler(scrape, ready);
        var future = new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30)).addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST)).addLast(handler);
                    }
                }).bind(new InetSocketAddress(address.host(), address.port())).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot serve metrics on " + address + ": " + Reason.of(future.cause()),
                    future.cause());
        }
        OpsHttpServer server = new OpsHttpServer(future.channel());
        Log.info("metrics_listen", "addr", server.address());
        return server;
    }

    /** Where it listens, with the port a {@code tcp:host:0} address actually got. */
    public ListenAddress.Tcp address() {
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        return new ListenAddress.Tcp(local.getAddress().getHostAddress(), local.getPort());
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
