package io.lisa4j.server.session;

import io.lisa4j.server.Limits;
import io.lisa4j.server.security.PeerIdentity;
import io.lisa4j.server.security.Quota;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong bytesInFlight = new AtomicLong();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Donation donation = new Donation();
    private final java.util.List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int maxMessageSize;
    private volatile boolean established;
    private volatile boolean credentials;
    private volatile PeerIdentity identity = new PeerIdentity.Anonymous();

    public Session(Limits limits, String peer) {
        this(limits, peer, "unix");
    }

    /** {@code transport} is {@code unix} or {@code tcp}, as the metrics tag it. */
    public Session(Limits limits, String peer, String transport) {
        this(limits, peer, transport, Quota.unlimited());
    }

    /** {@code serverHandles} is the server-wide handle quota every connection draws from. */
    public Session(Limits limits, String peer, String transport, Quota serverHandles) {
        this.limits = limits;
        this.peer = peer;
        this.transport = transport;
        this.handles = new HandleTable(limits.maxHandles(), serverHandles);
    }

    /** Who the transport says the peer is; MOUNT authorises against it. */
    public PeerIdentity identity() {
        return identity;
    }

    public void identify(PeerIdentity value) {
        this.identity = value;
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

    /** The descriptor side-channel, attached only with FD_DONATION on a Unix socket (§3.3). */
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

    /** CREDENTIALS was negotiated: a request's FLAG_CREDENTIALS announces a credentials block. */
    public void enableCredentials() {
        this.credentials = true;
    }

    public boolean credentialsEnabled() {
        return credentials;
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

    /** Adds the bytes of an admitted request's frame; returns the new total the connection holds. */
    public long holdBytes(long n) {
        return bytesInFlight.addAndGet(n);
    }

    public long bytesInFlight() {
        return bytesInFlight.get();
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
