package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.codec.OversizeFrame;
import io.lisa4j.protocol.value.Credentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One socket to a server and the requests outstanding on it. Any thread may send; replies are
 * matched to their requests by id, in whatever order they arrive (PROTOCOL.md §4). When the socket
 * goes away every outstanding and later call fails with ENOTCONN.
 */
final class Connection {
    private final Channel channel;
    private final FrameDecoder decoder;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final InFlightLimiter limiter = new InFlightLimiter();
    private final RpcCounter counter = new RpcCounter();
    private volatile int maxMessageSize = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;
    private volatile byte[] actAs;
    private volatile ErrnoException closedCause;
    private volatile FdChannel fdChannel;

    private record Pending<T>(Call<T> call, CompletableFuture<T> future) {}

    Connection(Channel channel, FrameDecoder decoder) {
        this.channel = channel;
        this.decoder = decoder;
        channel.closeFuture().addListener(f -> failAll(new ErrnoException(Errno.ENOTCONN, "connection closed")));
    }

    /** Applies what the handshake settled to every later frame, in both directions. */
    /** From now on every request carries {@code caller}'s credentials block (§3.2). */
    void actAs(Credentials caller) {
        ByteBuf block = Unpooled.buffer(caller.encodedLength());
        caller.write(block);
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        actAs = bytes;
    }

    void applyNegotiated(int negotiatedMaxMessage, int maxInFlight) {
        maxMessageSize = negotiatedMaxMessage;
        decoder.setMaxMessageSize(negotiatedMaxMessage);
        limiter.setLimit(maxInFlight);
    }

    /** The descriptor side-channel, once HELLO negotiated FD_DONATION (PROTOCOL.md §3.3). */
    void attachFdChannel(FdChannel channel) {
        this.fdChannel = channel;
        this.channel.closeFuture().addListener(f -> channel.close());
    }

    /** The side-channel, or null when descriptors are not donated on this connection. */
    FdChannel fdChannel() {
        return fdChannel;
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    RpcCounter counter() {
        return counter;
    }

    boolean isOpen() {
        return closedCause == null && channel.isActive();
    }

    boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    void close() {
        channel.close().syncUninterruptibly();
    }

    /** Sends {@code call} (now, or once a slot frees) and completes the future with its reply. */
    <T> CompletableFuture<T> submit(Call<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (call.frameLength() > maxMessageSize) {
            call.data().release();
            future.completeExceptionally(new ErrnoException(Errno.EMSGSIZE,
                    "request of " + call.frameLength() + " bytes exceeds the maximum of " + maxMessageSize));
            return future;
        }
        ErrnoException closed = closedCause;
        if (closed != null) {
            call.data().release();
            future.completeExceptionally(closed);
            return future;
        }
        limiter.submit(() -> transmit(new Pending<>(call, future)));
        return future;
    }

    private void transmit(Pending<?> p) {
        int id = register(p);
        if (closedCause != null) {
            // The connection died while this call was being registered; failAll may have missed it.
            p.call().data().release();
            fail(id, closedCause);
            return;
        }
        Call<?> call = p.call();
        counter.record(call.opcode());
        byte[] prefix = actAs;
        OutboundFrame frame = prefix == null
                ? new OutboundFrame(id, call.opcode(), 0, call.fsid(), call.body(), call.data())
                : new OutboundFrame(id, call.opcode(), ProtocolConstants.FLAG_CREDENTIALS, call.fsid(), call.body(),
                        Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(prefix), call.data()));
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) {
                ErrnoException e = new ErrnoException(Errno.ENOTCONN, "send failed");
                e.initCause(written.cause());
                fail(id, e);
            }
        });
    }

    private int register(Pending<?> p) {
        while (true) {
            int id = nextId.getAndIncrement();
            if (pending.putIfAbsent(id, p) == null) {
                return id;
            }
        }
    }

    private void fail(int id, Throwable cause) {
        Pending<?> p = pending.remove(id);
        if (p != null) {
            limiter.release();
            p.future().completeExceptionally(cause);
        }
    }

    private void failAll(ErrnoException cause) {
        closedCause = cause;
        for (Runnable dropped : limiter.close()) {
            dropped.run();
        }
        for (Integer id : pending.keySet()) {
            fail(id, cause);
        }
    }

    private void onReply(Frame frame) {
        Pending<?> p = pending.remove(frame.requestId());
        if (p == null) {
            return; // a reply to nothing outstanding: nobody waits for it
        }
        limiter.release();
        complete(p, frame);
    }

    private static <T> void complete(Pending<T> p, Frame frame) {
        T value;
        try {
            value = Replies.decode(p.call(), frame);
        } catch (IOException e) {
            p.future().completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            // The Java FlatBuffers runtime has no verifier: a hostile or corrupt body shows up as an
            // out-of-bounds read here.
            ErrnoException bad = new ErrnoException(Errno.EBADMSG, "undecodable reply");
            bad.initCause(e);
            p.future().completeExceptionally(bad);
            return;
        }
        p.future().complete(value);
    }

    ChannelInboundHandlerAdapter replyHandler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof Frame frame) {
                        onReply(frame);
                    } else if (msg instanceof OversizeFrame big) {
                        fail(big.requestId(), new ErrnoException(Errno.EMSGSIZE,
                                "reply of " + big.length() + " bytes exceeds the maximum of " + maxMessageSize));
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ErrnoException e = new ErrnoException(Errno.ENOTCONN, "connection failed");
                e.initCause(cause);
                failAll(e);
                ctx.close();
            }
        };
    }
}
