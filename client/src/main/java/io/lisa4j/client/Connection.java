package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A session's connection to its server, as long as the session lives: the current {@link Link}
 * (one socket), and, when that socket drops, the reconnect that replaces it ({@link Reconnector}).
 * Mounts and open files are remembered here so that a new link can restore them; fsids stay what
 * the caller saw first, open files get new handles (PROTOCOL.md §12).
 */
final class Connection {
    /** Set while a blocking call sends: its own thread will wait for the reply (see {@link Wire#send}). */
    private static final ThreadLocal<Boolean> ATTENDED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Endpoint endpoint;
    private final ClientOptions options;
    private final RpcCounter counter = new RpcCounter();
    private final Mounts mounts = new Mounts();
    private final OpenedFiles files = new OpenedFiles();
    private final Reconnector reconnector;
    private final Object state = new Object();
    /** The newest link; guarded by {@code state}. */
    private volatile Link link;
    /** The link calls may use, or null while the session is down or reconnecting. */
    private volatile Link usable;
    /** Completes when the session is next usable; null while it is, or while no round runs. Guarded by {@code state}. */
    private CompletableFuture<Void> nextReady;
    private volatile boolean closed;
    private volatile ConnectionListener listener = new ConnectionListener() {};
    private volatile Negotiated negotiated;

    private Connection(Endpoint endpoint, ClientOptions options) {
        this.endpoint = endpoint;
        this.options = options;
        this.reconnector = new Reconnector(this, options.reconnect());
    }

    /** Connects and shakes hands; the session's first link. */
    static Connection open(Endpoint endpoint, ClientOptions options) throws IOException {
        Connection c = new Connection(endpoint, options);
        Link first = c.establish(1);
        synchronized (c.state) {
            c.link = first;
            c.usable = first;
        }
        Keepalive.watch(c, options.reconnect().keepalive());
        return c;
    }

    /** A new socket with a completed handshake, not yet used by anyone. */
    Link establish(int generation) throws IOException {
        Link l = new Link(Connector.open(endpoint, ChannelSecurity.of(endpoint, options)), generation, this);
        try {
            negotiated = Handshake.run(l, endpoint, options);
            return l;
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    Negotiated negotiated() {
        return negotiated;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Mounts mounts() {
        return mounts;
    }

    OpenedFiles files() {
        return files;
    }

    /** A MOUNT of {@code exportName} answered {@code serverFsid}: remembered; returns the fsid the caller uses. */
    int mounted(byte[] exportName, int serverFsid) {
        return mounts.mounted(exportName, serverFsid, current());
    }

    void listen(ConnectionListener l) {
        listener = l == null ? new ConnectionListener() {} : l;
    }

    ConnectionListener listener() {
        return listener;
    }

    /** The link in use now, for what needs its negotiated values; never null. */
    private Link current() {
        Link l = usable;
        if (l != null) {
            return l;
        }
        synchronized (state) {
            return link;
        }
    }

    /** The link calls may use now, or null while there is none. */
    Link usableLink() {
        return usable;
    }

    /** The descriptor side-channel of the link in use, or null when descriptors are not donated on it. */
    FdChannel fdChannel() {
        Link l = usable;
        return l == null ? null : l.fdChannel();
    }

    int maxMessageSize() {
        return current().maxMessageSize();
    }

    RpcCounter counter() {
        return counter;
    }

    boolean isOpen() {
        Link l = usable;
        return !closed && l != null && l.isOpen();
    }

    boolean isClosed() {
        return closed;
    }

    /** The generation of the link calls may use now, or -1 while there is none. */
    int generation() {
        Link l = usable;
        return l == null ? -1 : l.generation();
    }

    void close() {
        Link l;
        CompletableFuture<Void> waiting;
        synchronized (state) {
            closed = true;
            usable = null;
            l = link;
            waiting = nextReady;
            nextReady = null;
        }
        reconnector.stop();
        Keepalive.forget(this);
        if (waiting != null) {
            waiting.completeExceptionally(ConnectionLostException.closed("session closed", this));
        }
        l.close();
    }

    /** Sends what {@code call} builds as a call whose reply this thread will wait for. */
    <T> CompletableFuture<T> submitAttended(Supplier<CompletableFuture<T>> call) {
        ATTENDED.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            ATTENDED.set(Boolean.FALSE);
        }
    }

    /** Returns once {@code future} is done; this thread may read replies meanwhile. */
    void await(CompletableFuture<?> future) throws InterruptedIOException {
        while (!future.isDone()) {
            Link l = current();
            l.await(future);
            if (!future.isDone() && !l.isOpen()) {
                // Sent on a link that is gone: its loss fails the future; do not spin meanwhile.
                Thread.onSpinWait();
            }
        }
    }

    /** Sends {@code call} on the link in use and completes the future with its reply. */
    <T> CompletableFuture<T> submit(Call<T> call) {
        Link l = usable;
        if (l == null) {
            return unusable(call);
        }
        return l.submit(call, ATTENDED.get());
    }

    /**
     * As {@link #submit(Call)}, for a call built with numbers (handles) of link {@code generation}:
     * on any other link it fails unsent, to be built again.
     */
    <T> CompletableFuture<T> submit(Call<T> call, int generation) {
        Link l = usable;
        if (l == null || l.generation() != generation) {
            return unusable(call);
        }
        return l.submit(call, ATTENDED.get());
    }

    private <T> CompletableFuture<T> unusable(Call<T> call) {
        call.data().release();
        if (closed) {
            return CompletableFuture.failedFuture(
                    ConnectionLostException.closed("session closed", this).notReplayed("the session was closed"));
        }
        ConnectionLostException gone = link.closedCause();
        if (!options.reconnect().enabled() && gone != null) {
            return CompletableFuture.failedFuture(gone.notReplayed("reconnect is off"));
        }
        return CompletableFuture.failedFuture(ConnectionLostException.closed("reconnecting to " + endpoint, this));
    }

    /** Called by {@code lost} when its socket went away by itself. */
    void lost(Link lost) {
        synchronized (state) {
            if (closed || lost != link) {
                return;
            }
            usable = null;
            if (options.reconnect().enabled()) {
                startRound();
            }
        }
        listener.disconnected(endpoint.toString(), lost.closedCause().getCause());
    }

    /** Starts a reconnect round unless one runs; the caller holds {@code state}. */
    private CompletableFuture<Void> startRound() {
        if (nextReady == null) {
            nextReady = new CompletableFuture<>();
            reconnector.start(link.generation() + 1);
        }
        return nextReady;
    }

    /**
     * The reconnect restored {@code fresh}: calls may use it. False when they may not: the session
     * was closed meanwhile (the caller closes {@code fresh}), or {@code fresh} died already and a
     * new round started.
     */
    boolean restored(Link fresh) {
        CompletableFuture<Void> waiting;
        synchronized (state) {
            if (closed) {
                return false;
            }
            link = fresh;
            if (!fresh.isOpen()) {
                // Its loss was ignored while it was not yet the session's link.
                reconnector.start(fresh.generation() + 1);
                return false;
            }
            usable = fresh;
            waiting = nextReady;
            nextReady = null;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
        return true;
    }

    /** Every attempt of the round failed. */
    void roundFailed(ErrnoException cause) {
        CompletableFuture<Void> waiting;
        synchronized (state) {
            waiting = nextReady;
            nextReady = null;
        }
        if (waiting != null) {
            waiting.completeExceptionally(cause);
        }
    }

    /** Completes when the session is usable, starting a reconnect round if none runs. */
    CompletableFuture<Void> whenUsable() {
        synchronized (state) {
            if (usable != null && usable.isOpen()) {
                return CompletableFuture.completedFuture(null);
            }
            if (closed) {
                return CompletableFuture.failedFuture(ConnectionLostException.closed("session closed", this));
            }
            if (!options.reconnect().enabled()) {
                ConnectionLostException gone = link.closedCause();
                return CompletableFuture.failedFuture(gone != null ? gone
                        : ConnectionLostException.closed("connection lost", this));
            }
            return startRound();
        }
    }

    /** Whether a call lost {@code replays} times already may be sent once more. */
    boolean replaysAllowed(int replays) {
        return options.reconnect().enabled() && replays < options.reconnect().maxReplays();
    }

    /**
     * After {@code lost} failed a blocking call for the {@code replays}-th time: returns once the
     * session is usable again if the call may be sent again, else throws what the caller gets.
     */
    void awaitReplay(ConnectionLostException lost, int replays) throws IOException {
        if (!lost.retriable() || closed || !options.reconnect().enabled()) {
            throw lost;
        }
        if (!replaysAllowed(replays)) {
            throw lost.notReplayed("sent " + (replays + 1) + " times, each time lost");
        }
        CompletableFuture<Void> up = whenUsable();
        try {
            up.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reconnecting to " + endpoint);
        } catch (ExecutionException e) {
            ErrnoException failure = e.getCause() instanceof ErrnoException errno ? errno
                    : new ErrnoException(Errno.ENOTCONN, "reconnect to " + endpoint + " failed");
            failure.addSuppressed(lost);
            throw failure;
        }
    }
}
