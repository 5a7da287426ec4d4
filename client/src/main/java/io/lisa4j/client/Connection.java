package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.codec.OversizeFrame;
import io.lisa4j.protocol.value.Credentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One socket to a server and the requests outstanding on it. Any thread may send; replies are
 * matched to their requests by id, in whatever order they arrive (PROTOCOL.md §4). When the socket
 * goes away every outstanding and later call fails with ENOTCONN.
 */
final class Connection implements Wire.Receiver {
    /** Set while a blocking call sends: its own thread will wait for the reply (see {@link Wire#send}). */
    private static final ThreadLocal<Boolean> ATTENDED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Wire wire;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final InFlightLimiter limiter = new InFlightLimiter();
    private final RpcCounter counter = new RpcCounter();
    private volatile int maxMessageSize = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;
    private volatile byte[] actAs;
    private volatile ErrnoException closedCause;
    private volatile FdChannel fdChannel;

    /** {@code attended}: the thread that sent it waits for it, and reads the reply itself if nobody else does. */
    private record Pending<T>(Call<T> call, CompletableFuture<T> future, boolean attended) {}

    /** Requests outstanding that no sending thread will wait for: the wire's reader thread reads for them. */
    private final AtomicInteger unattended = new AtomicInteger();

    Connection(Wire wire) {
        this.wire = wire;
        wire.start(this);
    }

    /** From now on every request carries {@code caller}'s credentials block (§3.2). */
    void actAs(Credentials caller) {
        ByteBuf block = Unpooled.buffer(caller.encodedLength());
        caller.write(block);
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        actAs = bytes;
    }

    /** Applies what the handshake settled to every later frame, in both directions. */
    void applyNegotiated(int negotiatedMaxMessage, int maxInFlight) {
        maxMessageSize = negotiatedMaxMessage;
        wire.setMaxMessageSize(negotiatedMaxMessage);
        limiter.setLimit(maxInFlight);
    }

    /** The descriptor side-channel, once HELLO negotiated FD_DONATION (PROTOCOL.md §3.3). */
    void attachFdChannel(FdChannel channel) {
        this.fdChannel = channel;
        if (closedCause != null) {
            channel.close();
        }
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
        return closedCause == null && wire.isOpen();
    }

    void close() {
        wire.close();
        closed(new ErrnoException(Errno.ENOTCONN, "connection closed"));
    }

    /** Sends what {@code call} builds as a call whose reply this thread will wait for. */
    <T> CompletableFuture<T> submitAttended(java.util.function.Supplier<CompletableFuture<T>> call) {
        ATTENDED.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            ATTENDED.set(Boolean.FALSE);
        }
    }

    /** Returns once {@code future} is done; this thread may read replies meanwhile. */
    void await(CompletableFuture<?> future) throws InterruptedIOException {
        wire.await(future);
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
        boolean attended = ATTENDED.get();
        limiter.submit(() -> transmit(new Pending<>(call, future, attended)));
        return future;
    }

    private void transmit(Pending<?> p) {
        int id = register(p);
        if (closedCause != null) {
            // The connection died while this call was being registered; closed() may have missed it.
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
        wire.send(frame, p.attended(), cause -> {
            ErrnoException e = new ErrnoException(Errno.ENOTCONN, "send failed");
            e.initCause(cause);
            fail(id, e);
        });
    }

    private int register(Pending<?> p) {
        if (!p.attended()) {
            unattended.incrementAndGet();
        }
        while (true) {
            int id = nextId.getAndIncrement();
            if (pending.putIfAbsent(id, p) == null) {
                return id;
            }
        }
    }

    private void fail(int id, Throwable cause) {
        Pending<?> p = taken(pending.remove(id));
        if (p != null) {
            limiter.release();
            p.future().completeExceptionally(cause);
        }
    }

    private Pending<?> taken(Pending<?> p) {
        if (p != null && !p.attended()) {
            unattended.decrementAndGet();
        }
        return p;
    }

    @Override
    public boolean hasUnattended() {
        return unattended.get() > 0;
    }

    @Override
    public void closed(ErrnoException cause) {
        if (closedCause == null) {
            closedCause = cause;
        }
        FdChannel side = fdChannel;
        if (side != null) {
            side.close();
        }
        for (Runnable dropped : limiter.close()) {
            dropped.run();
        }
        for (Integer id : pending.keySet()) {
            fail(id, closedCause);
        }
    }

    @Override
    public void reply(Frame frame) {
        try {
            Pending<?> p = taken(pending.remove(frame.requestId()));
            if (p == null) {
                return; // a reply to nothing outstanding: nobody waits for it
            }
            limiter.release();
            complete(p, frame);
        } finally {
            frame.release();
        }
    }

    @Override
    public void oversize(OversizeFrame big) {
        fail(big.requestId(), new ErrnoException(Errno.EMSGSIZE,
                "reply of " + big.length() + " bytes exceeds the maximum of " + maxMessageSize));
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
}
