package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.codec.OversizeFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A Netty channel (TCP, with or without TLS): sends are handed to the channel's event loop, which
 * also reads every reply; waiting threads simply block on their futures.
 */
final class NettyWire implements Wire {
    private final Channel channel;
    private final FrameDecoder decoder;

    NettyWire(Channel channel) {
        this.channel = channel;
        this.decoder = channel.pipeline().get(FrameDecoder.class);
    }

    @Override
    public void start(Receiver receiver) {
        channel.closeFuture().addListener(f -> receiver.closed(new ErrnoException(Errno.ENOTCONN, "connection closed")));
        channel.pipeline().addLast("replies", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Frame frame) {
                    receiver.reply(frame);
                } else {
                    try {
                        if (msg instanceof OversizeFrame big) {
                            receiver.oversize(big);
                        }
                    } finally {
                        ReferenceCountUtil.release(msg);
                    }
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ErrnoException e = new ErrnoException(Errno.ENOTCONN, "connection failed");
                e.initCause(cause);
                receiver.closed(e);
                ctx.close();
            }
        });
    }

    @Override
    public void send(OutboundFrame frame, boolean attended, Consumer<Throwable> onFailure) {
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) {
                onFailure.accept(written.cause());
            }
        });
    }

    @Override
    public void await(CompletableFuture<?> future) throws InterruptedIOException {
        if (future.isDone()) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            // The reply would be read by this very thread: waiting here could never end.
            throw new IllegalStateException("blocking lisa4j call on the connection's I/O thread; use async()");
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a reply");
        } catch (ExecutionException | CancellationException done) {
            // the caller reads the outcome from the future
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void setMaxMessageSize(int maxMessageSize) {
        decoder.setMaxMessageSize(maxMessageSize);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
