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
 * goes away every outstanding and later request fails with {@link ConnectionLostException}, and the
 * link never carries a request again: a reconnect builds a new one (see {@link Connection}).
 */
final class Link implements Wire.Receiver {
    private final Wire wire;
    private final int generation;
    private final Connection owner;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final InFlightLimiter limiter = new InFlightLimiter();
    /** Export fsids as the caller knows them mapped to this link's; null: the same numbers. */
    private final Map<Integer, Integer> fsids;
    private volatile int maxMessageSize = ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;
    private volatile ConnectionLostException closedCause;
    private volatile FdChannel fdChannel;
    private volatile long lastSend = System.nanoTime();
    private volatile byte[] actAs;

    /** {@code attended}: the thread that sent it waits for it, and reads the reply itself if nobody else does. */
    private record Pending<T>(Call<T> call, CompletableFuture<T> future, boolean attended) {}

    /** Requests outstanding that no sending thread will wait for: the wire's reader thread reads for them. */
    private final AtomicInteger unattended = new AtomicInteger();

    /**
     * @param generation 1 for a session's first socket, one more for each reconnect
     * @param owner told once when the socket goes away, unless it closed the link itself
     */
    Link(Wire wire, int generation, Connection owner) {
        this.wire = wire;
        this.generation = generation;
        this.owner = owner;
        this.fsids = generation == 1 ? null : new ConcurrentHashMap<>();
        wire.start(this);
    }

    int generation() {
        return generation;
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

    FdChannel fdChannel() {
        return fdChannel;
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    /** Records which fsid a MOUNT on this link gave the export the caller knows as {@code logical}. */
    void mapFsid(int logical, int onThisLink) {
        if (fsids != null) {
            fsids.put(logical, onThisLink);
        }
    }

    /** Whether this link can carry requests on mount {@code logical}. */
    boolean knowsFsid(int logical) {
        return fsids == null || logical == ProtocolConstants.NO_FSID || fsids.containsKey(logical);
    }

    boolean isOpen() {
        return closedCause == null && wire.isOpen();
    }

    ConnectionLostException closedCause() {
        return closedCause;
    }

    /** Nanoseconds since the last request was sent. */
    long idleNanos() {
        return System.nanoTime() - lastSend;
    }

    /** Closes the socket without telling the owner: it asked for it. */
    void close() {
        markClosed(ConnectionLostException.closed("connection closed", owner));
        failOutstanding();
        wire.close();
    }

    /** Returns once {@code future} is done; this thread may read replies meanwhile. */
    void await(CompletableFuture<?> future) throws InterruptedIOException {
        wire.await(future);
    }

    /** Sends {@code call} on this link and waits for the reply (the handshake and the reconnect's own calls). */
    <T> T call(Call<T> call) throws IOException {
        return Blocking.await(this, submit(call, false));
    }

    /** Sends {@code call} (now, or once a slot frees) and completes the future with its reply. */
    <T> CompletableFuture<T> submit(Call<T> call, boolean attended) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (call.frameLength() > maxMessageSize) {
            call.data().release();
            future.completeExceptionally(new ErrnoException(Errno.EMSGSIZE,
                    "request of " + call.frameLength() + " bytes exceeds the maximum of " + maxMessageSize));
            return future;
        }
        if (closedCause != null) {
            call.data().release();
            future.completeExceptionally(closedCause.unsent());
            return future;
        }
        if (!knowsFsid(call.fsid())) {
            call.data().release();
            future.completeExceptionally(new ErrnoException(Errno.ESTALE,
                    "export of fsid " + call.fsid() + " could not be mounted again after a reconnect"));
            return future;
        }
        limiter.submit(() -> transmit(new Pending<>(call, future, attended)));
        return future;
    }

    private void transmit(Pending<?> p) {
        int id = register(p);
        if (closedCause != null) {
            // The socket died while this call was being registered or queued: it never left.
            p.call().data().release();
            fail(id, closedCause.unsent());
            return;
        }
        Call<?> call = p.call();
        lastSend = System.nanoTime();
        owner.counter().record(call.opcode());
        byte[] prefix = actAs;
        int fsid = fsids == null ? call.fsid() : fsids.getOrDefault(call.fsid(), call.fsid());
        OutboundFrame frame = prefix == null
                ? new OutboundFrame(id, call.opcode(), 0, fsid, call.body(), call.data())
                : new OutboundFrame(id, call.opcode(), ProtocolConstants.FLAG_CREDENTIALS, fsid, call.body(),
                        Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(prefix), call.data()));
        wire.send(frame, p.attended(), cause -> {
            ConnectionLostException e = ConnectionLostException.closed("send failed", owner);
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
        // The owner learns first, so that a failed call's callback that waits for the session to be
        // usable again already finds it reconnecting.
        if (markClosed(ConnectionLostException.lost(cause, owner))) {
            owner.lost(this);
        }
        failOutstanding();
    }

    /** True the first time only. */
    private synchronized boolean markClosed(ConnectionLostException cause) {
        if (closedCause != null) {
            return false;
        }
        closedCause = cause;
        return true;
    }

    private void failOutstanding() {
        FdChannel side = fdChannel;
        if (side != null) {
            side.close();
        }
        for (Runnable dropped : limiter.close()) {
            dropped.run();
        }
        for (Map.Entry<Integer, Pending<?>> e : pending.entrySet()) {
            fail(e.getKey(), closedCause.inFlight(e.getValue().call()));
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
