package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.netty.buffer.ByteBuf;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A Unix socket without an event loop: the calling thread writes its request itself, and a thread
 * waiting for a reply reads the socket itself when nobody else does (leader/follower). A blocking
 * call thus costs the two context switches of a plain socket ping-pong, where an event loop adds
 * two hand-offs on each side.
 *
 * <p>At most one thread reads at a time: the leader. Other waiting threads park until their reply
 * is delivered or the leader leaves, and then one of them takes over. Requests that nobody waits
 * for (the async API) are read by a per-connection reader thread, woken only when such a request
 * is outstanding and no other thread reads. Reply callbacks run on the thread that read the reply.
 */
final class UnixWire implements Wire {
    /** How often a reading thread checks for an interrupt or a close while the server is silent. */
    private static final int POLL_MILLIS = 100;
    private static final int SEND_BUFFER = 64 * 1024;

    private final StreamSocket socket;
    private final FrameReader frames;
    private final ReentrantLock sending = new ReentrantLock();
    private final MemorySegment sendBuffer = Arena.ofAuto().allocate(SEND_BUFFER, 8);
    private final ByteBuffer sendView = sendBuffer.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);

    private final Object role = new Object();
    /** The thread that reads replies now, or null; guarded by {@code role}. */
    private Thread leader;
    /** Threads parked waiting for a reply while another leads; guarded by {@code role}. */
    private final ArrayDeque<Thread> followers = new ArrayDeque<>();

    private final Thread background;
    private volatile Receiver receiver;
    private volatile boolean closed;

    private UnixWire(StreamSocket socket) {
        this.socket = socket;
        this.frames = new FrameReader(socket, ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE);
        this.background = Thread.ofPlatform().daemon().name("lisa4j-client-reader").unstarted(this::readUnattended);
    }

    static UnixWire connect(java.nio.file.Path socketPath) throws ErrnoException {
        return new UnixWire(StreamSocket.connect(socketPath, POLL_MILLIS));
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = receiver;
        background.start();
    }

    @Override
    public void send(OutboundFrame frame, boolean attended, Consumer<Throwable> onFailure) {
        try {
            write(frame);
        } catch (ErrnoException | RuntimeException e) {
            onFailure.accept(e);
            close(e instanceof ErrnoException errno ? notConnected(errno) : new ErrnoException(Errno.ENOTCONN, "send failed"));
            return;
        }
        if (!attended) {
            wakeReaderIfIdle();
        }
    }

    /**
     * A frame that fits the send buffer goes out in one send; a larger body or data section follows
     * the header from its own memory when that is off-heap, else through the buffer in chunks.
     */
    private void write(OutboundFrame frame) throws ErrnoException {
        ByteBuf data = frame.data();
        try {
            ByteBuffer body = frame.body().duplicate();
            sending.lock();
            try {
                ByteBuffer out = sendView.clear();
                out.putInt((int) (frame.frameLength() - 4)).putInt(frame.requestId()).putShort((short) frame.opcode())
                        .putShort((short) frame.flags()).putInt(frame.word()).putInt(body.remaining());
                if (frame.frameLength() <= SEND_BUFFER) {
                    out.put(body);
                    data.getBytes(data.readerIndex(), out.limit(out.position() + data.readableBytes()));
                    socket.sendAll(sendBuffer, out.position());
                    return;
                }
                socket.sendAll(sendBuffer, out.position());
                send(body);
                for (ByteBuffer part : data.nioBuffers()) {
                    send(part);
                }
            } finally {
                sending.unlock();
            }
        } finally {
            data.release();
        }
    }

    private void send(ByteBuffer part) throws ErrnoException {
        if (part.isDirect()) {
            socket.sendAll(MemorySegment.ofBuffer(part), part.remaining());
            return;
        }
        while (part.hasRemaining()) {
            int n = Math.min(part.remaining(), SEND_BUFFER);
            sendView.clear().put(part.slice(part.position(), n));
            part.position(part.position() + n);
            socket.sendAll(sendBuffer, n);
        }
    }

    @Override
    public void await(CompletableFuture<?> future) throws InterruptedIOException {
        Thread me = Thread.currentThread();
        boolean hooked = false;
        while (!future.isDone()) {
            boolean lead;
            synchronized (role) {
                if (leader == me) {
                    throw new IllegalStateException(
                            "blocking lisa4j call from a reply callback, on the thread reading replies; use async()");
                }
                lead = leader == null;
                if (lead) {
                    leader = me;
                } else {
                    followers.addLast(me);
                }
            }
            if (lead) {
                try {
                    lead(future::isDone, true);
                } finally {
                    stepDown();
                }
                continue;
            }
            if (!hooked) {
                future.whenComplete((v, e) -> LockSupport.unpark(me));
                hooked = true;
            }
            LockSupport.park(this);
            synchronized (role) {
                followers.remove(me);
            }
            if (Thread.currentThread().isInterrupted()) {
                passOnIfLeaderless();
                throw new InterruptedIOException("interrupted while waiting for a reply");
            }
        }
        // This thread may have been picked to lead just as its own reply came in.
        passOnIfLeaderless();
    }

    /** Reads and delivers replies until {@code done}, the wire closes, or (if allowed) an interrupt. */
    private void lead(BooleanSupplier done, boolean interruptible) throws InterruptedIOException {
        Receiver r = receiver;
        while (!done.getAsBoolean() && !closed) {
            boolean got;
            try {
                got = frames.readOnce(r);
            } catch (ErrnoException e) {
                close(e.is(Errno.ENOTCONN) ? e : notConnected(e));
                return;
            }
            if (!got && interruptible && Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for a reply");
            }
        }
    }

    /** Leaves the reading to the next follower, or to the reader thread if requests nobody waits for remain. */
    private void stepDown() {
        Thread next;
        synchronized (role) {
            leader = null;
            next = successor();
        }
        if (next != null) {
            LockSupport.unpark(next);
        }
    }

    private void passOnIfLeaderless() {
        Thread next;
        synchronized (role) {
            next = leader == null ? successor() : null;
        }
        if (next != null) {
            LockSupport.unpark(next);
        }
    }

    private Thread successor() {
        Thread next = followers.peekFirst();
        return next != null || !receiver.hasUnattended() ? next : background;
    }

    private void wakeReaderIfIdle() {
        boolean idle;
        synchronized (role) {
            idle = leader == null && followers.isEmpty();
        }
        if (idle) {
            LockSupport.unpark(background);
        }
    }

    /** The reader thread: leads while requests are outstanding that no waiting thread will read. */
    private void readUnattended() {
        while (!closed) {
            LockSupport.park(this);
            if (takeLead()) {
                try {
                    lead(() -> !receiver.hasUnattended(), false);
                } catch (InterruptedIOException impossible) {
                    // this thread's reads are not interruptible
                } finally {
                    stepDown();
                }
            }
        }
        // Closed: once the last reader has left, nobody reads again and the buffer can go.
        while (!takeLead()) {
            LockSupport.parkNanos(this, 1_000_000);
        }
        frames.release();
    }

    private boolean takeLead() {
        synchronized (role) {
            if (leader != null) {
                return false;
            }
            leader = background;
            return true;
        }
    }

    private static ErrnoException notConnected(ErrnoException cause) {
        ErrnoException e = new ErrnoException(Errno.ENOTCONN, "connection failed");
        e.initCause(cause);
        return e;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void setMaxMessageSize(int maxMessageSize) {
        frames.setMaxMessageSize(maxMessageSize);
    }

    @Override
    public void close() {
        close(new ErrnoException(Errno.ENOTCONN, "connection closed"));
    }

    private void close(ErrnoException cause) {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        Receiver r = receiver;
        if (r != null) {
            r.closed(cause);
        }
        LockSupport.unpark(background);
    }
}
