package io.lisa4j.server.session;

import io.lisa4j.server.Limits;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one connection: what the handshake settled, its mounts, its handles and how many
 * requests it has in progress. Read by worker threads, so everything here is thread-safe.
 */
public final class Session {
    private final Limits limits;
    private final String peer;
    private final String transport;
    private final MountTable mounts = new MountTable();
    private final HandleTable handles;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Donation donation = new Donation();
    private final java.util.List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int maxMessageSize;
    private volatile boolean established;

    public Session(Limits limits, String peer) {
        this(limits, peer, "unix");
    }

    /** {@code transport} is {@code unix} or {@code tcp}, as the metrics tag it. */
    public Session(Limits limits, String peer, String transport) {
        this.limits = limits;
        this.peer = peer;
        this.transport = transport;
        this.handles = new HandleTable(limits.maxHandles());
    }

    public Limits limits() {
        return limits;
    }

    public String peer() {
        return peer;
    }

    public String transport() {
        return transport;
    }

    /**
     * Requests begun whose reply has not yet been handed to the transport. Unlike the in-flight
     * count, which frees its slot just before the reply is sent, this reaches 0 only once every reply
     * is queued, so a draining shutdown may close the connection then.
     */
    public int inFlight() {
        return unanswered.get();
    }

    public MountTable mounts() {
        return mounts;
    }

    public HandleTable handles() {
        return handles;
    }

    /** The descriptor side-channel, attached only with FD_DONATION on a Unix socket (§3.2). */
    public Donation donation() {
        return donation;
    }

    /** Runs {@code hook} when the session closes. */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    public boolean established() {
        return established;
    }

    /** The frame limit both directions use from now on. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    public void establish(int negotiatedMaxMessage) {
        this.maxMessageSize = negotiatedMaxMessage;
        this.established = true;
    }

    /** Counts a request in, unless that would exceed max_in_flight (then the caller answers EAGAIN). */
    public boolean tryBegin() {
        if (inFlight.incrementAndGet() > limits.maxInFlight()) {
            inFlight.decrementAndGet();
            return false;
        }
        unanswered.incrementAndGet();
        return true;
    }

    /** Frees the request's in-flight slot; call {@link #answered()} once its reply is queued. */
    public void end() {
        inFlight.decrementAndGet();
    }

    public void answered() {
        unanswered.decrementAndGet();
    }

    public void close() {
        handles.closeAll();
        donation.close();
        closeHooks.forEach(Runnable::run);
    }
}
