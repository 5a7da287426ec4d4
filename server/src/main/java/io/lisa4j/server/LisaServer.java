package io.lisa4j.server;

import io.lisa4j.server.dispatch.Dispatcher;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import io.lisa4j.server.metrics.OpsHttpServer;
import io.lisa4j.server.metrics.ServerMetrics;
import io.lisa4j.server.security.Quota;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.security.ThreadCredentials;
import io.lisa4j.server.session.LiveSessions;
import io.lisa4j.server.transport.ConnectionSettings;
import io.lisa4j.server.transport.ExportGate;
import io.lisa4j.server.transport.ServerServices;
import io.lisa4j.server.transport.ServerChannelInitializer;
import io.lisa4j.server.transport.TlsTransport;
import io.lisa4j.server.transport.TransportSecurity;
import io.lisa4j.server.transport.UnixSocketFile;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running daemon: epoll event loops for the sockets (which also answer metadata lookups when
 * {@link ServerConfig#inlineMetadata()} says so), a bounded pool of platform threads for the other
 * filesystem calls (they block in syscalls, and FFM downcalls would pin a virtual thread's carrier
 * anyway), and the configured exports.
 */
public final class LisaServer implements AutoCloseable {
    private final ExportRegistry exports;
    private final OpsOptions ops;
    private final LiveSessions sessions = new LiveSessions();
    private final ServerMetrics metrics;
    private volatile OpsHttpServer http;
    private volatile boolean draining;
    private final EventLoopGroup loops;
    private final ExecutorService workers;
    private final ChannelGroup channels = new DefaultChannelGroup("lisa4j", GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();
    private final List<ListenAddress> bound = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once start succeeded: a start that failed reports its failure, not a stop. */
    private volatile boolean serving;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private LisaServer(ServerConfig config, OpsOptions ops, ExportRegistry exports, Workers mode) {
        this.exports = exports;
        this.ops = ops;
        this.metrics = ops.metrics() != null ? ServerMetrics.prometheus(exports.names(), sessions)
                : ServerMetrics.none();
        this.loops = new MultiThreadIoEventLoopGroup(config.ioThreads(), EpollIoHandler.newFactory());
        this.workers = mode.create(config);
    }

    /** Opens the configured exports and starts listening. */
    public static LisaServer start(ServerConfig config) throws IOException {
        return start(config, OpsOptions.DEFAULT);
    }

    /** Opens the configured exports and starts listening, with metrics and drain as {@code ops} says. */
    public static LisaServer start(ServerConfig config, OpsOptions ops) throws IOException {
        ExportRegistry exports = ExportRegistry.open(config.exports());
        try {
            return start(config, ops, exports);
        } catch (IOException | RuntimeException e) {
            exports.close();
            throw e;
        }
    }

    /** Starts listening with exports already opened; the server closes them when it closes. */
    public static LisaServer start(ServerConfig config, ExportRegistry exports) throws IOException {
        return start(config, OpsOptions.DEFAULT, exports);
    }

    public static LisaServer start(ServerConfig config, OpsOptions ops, ExportRegistry exports) throws IOException {
        return start(config, ops, exports, Workers.POOL);
    }

    /** As {@link #start(ServerConfig, ExportRegistry)}, running the filesystem calls as {@code mode} says. */
    public static LisaServer start(ServerConfig config, ExportRegistry exports, Workers mode) throws IOException {
        return start(config, OpsOptions.DEFAULT, exports, mode);
    }

    public static LisaServer start(ServerConfig config, OpsOptions ops, ExportRegistry exports, Workers mode)
            throws IOException {
        if (config.listen().isEmpty()) {
            throw new IllegalArgumentException("nothing to listen on");
        }
        if (!Epoll.isAvailable()) {
            Throwable cause = Epoll.unavailabilityCause();
            throw new IOException("cannot load Netty's native epoll transport: " + Reason.of(rootOf(cause))
                    + " (it is extracted to java.io.tmpdir; where that is noexec, set -Dio.netty.native.workdir"
                    + " to a writable directory that allows exec)", cause);
        }
        LisaServer server = new LisaServer(config, ops, exports, mode);
        try {
            SecurityConfig security = config.security();
            Dispatcher dispatcher = new Dispatcher(exports, security.access(), config.inlineMetadata());
            Quota connections = new Quota(security.limits().maxConnections());
            ExportGate gate = new ExportGate(security.policies());
            if (gate.anyDelegation() && ThreadCredentials.fsuid() != 0) {
                throw new IllegalArgumentException("credential delegation needs the server to run as root");
            }
            DescriptorBudget.measure(config.workerThreads(), config.ioThreads()).report(security.limits(),
                    config.limits());
            ServerServices services = new ServerServices(server.metrics, server.sessions);
            ConnectionSettings settings = new ConnectionSettings(config.limits(), config.serverName(),
                    security.limits(), new Quota(security.limits().maxServerHandles()), gate, services);
            TransportSecurity tcpSecurity = tcpSecurity(config);
            for (ListenAddress address : config.listen()) {
                TransportSecurity transport = address instanceof ListenAddress.Tcp ? tcpSecurity
                        : TransportSecurity.PLAINTEXT;
                server.listen(address, new ServerChannelInitializer(transport, settings, dispatcher, server.workers,
                        server.channels, connections), security.socketMode());
            }
            if (ops.metrics() != null) {
                server.http = OpsHttpServer.start(ops.metrics(), server.loops, server.metrics::scrape,
                        server::ready);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.serving = true;
        return server;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * TCP carries TLS 1.3 with client certificates; plaintext only when the operator asked for it
     * in so many words.
     */
    private static TransportSecurity tcpSecurity(ServerConfig config) throws IOException {
        SecurityConfig security = config.security();
        boolean anyTcp = config.listen().stream().anyMatch(a -> a instanceof ListenAddress.Tcp);
        if (!anyTcp) {
            return TransportSecurity.PLAINTEXT;
        }
        if (security.tls() != null) {
            return TlsTransport.load(security.tls(), security.limits().handshakeTimeout());
        }
        if (security.insecureTcp()) {
            Log.warn("insecure_tcp", "detail", "TCP listeners accept unauthenticated plaintext clients");
            return TransportSecurity.PLAINTEXT;
        }
        throw new IllegalArgumentException("a TCP listener needs TLS key material (or an explicit insecure opt-in)");
    }

    private void listen(ListenAddress address, ServerChannelInitializer initializer, int socketMode)
            throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops).childHandler(initializer);
        Channel channel;
        switch (address) {
            case ListenAddress.Unix unix -> {
                UnixSocketFile file = UnixSocketFile.prepare(unix.path(), socketMode);
                try {
                    channel = bind(bootstrap.channel(EpollServerDomainSocketChannel.class),
                            new DomainSocketAddress(file.bindPath().toString()), address);
                    listeners.add(channel);
                    file.publish();
                } finally {
                    file.abandon();
                }
                bound.add(unix);
            }
            case ListenAddress.Inherited inherited -> {
                channel = new EpollDomainSocketChannel(inherited.fd());
                channel.pipeline().addLast(initializer);
                var registered = loops.register(channel).awaitUninterruptibly();
                if (!registered.isSuccess()) {
                    throw new IOException("cannot serve inherited fd " + inherited.fd(), registered.cause());
                }
                bound.add(inherited);
            }
            case ListenAddress.Tcp tcp -> {
                channel = bind(bootstrap.channel(EpollServerSocketChannel.class)
                        .childOption(ChannelOption.TCP_NODELAY, true), new InetSocketAddress(tcp.host(), tcp.port()),
                        address);
                listeners.add(channel);
                bound.add(new ListenAddress.Tcp(tcp.host(), ((InetSocketAddress) channel.localAddress()).getPort()));
            }
        }
        Log.info("listen", "addr", bound.getLast());
    }

    private static Channel bind(ServerBootstrap bootstrap, java.net.SocketAddress local, ListenAddress address)
            throws IOException {
        var future = bootstrap.bind(local).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + Reason.of(future.cause()), future.cause());
        }
        return future.channel();
    }

    /** Where the server listens, with the port a {@code tcp:host:0} listener actually got. */
    public List<ListenAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** The port of the first TCP listener. */
    public int tcpPort() {
        return bound.stream().filter(a -> a instanceof ListenAddress.Tcp).map(a -> ((ListenAddress.Tcp) a).port())
                .findFirst().orElseThrow(() -> new IllegalStateException("no TCP listener"));
    }

    public ExportRegistry exports() {
        return exports;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Where {@code /metrics} and {@code /health} are served, if anywhere. */
    public Optional<ListenAddress.Tcp> metricsAddress() {
        OpsHttpServer server = http;
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    /** Ready for requests: started and not draining. What {@code GET /health} reports. */
    public boolean ready() {
        return !draining && !closed.get();
    }

    /**
     * The graceful stop (SIGTERM): stops accepting connections and reading requests, waits up to the
     * configured drain timeout for the requests in progress to be answered, then {@link #close()}s.
     */
    public void shutdown() {
        shutdown(ops.drainTimeout());
    }

    public void shutdown(Duration timeout) {
        if (closed.get()) {
            awaitTermination();
            return;
        }
        long started = System.nanoTime();
        closeListeners();
        draining = true;
        for (Channel channel : channels) {
            channel.config().setAutoRead(false);
        }
        long deadline = started + timeout.toNanos();
        while (sessions.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long left = sessions.inFlight();
        Log.info(left == 0 ? "drained" : "drain_timeout", "in_flight", left, "connections", sessions.count(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        // With the bound spent, what still runs is interrupted once its connection is closed.
        close(left > 0);
    }

    private void closeListeners() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
    }

    /** Stops accepting, closes every connection (and so its handles), the exports, and the socket files. */
    @Override
    public void close() {
        close(false);
    }

    private void close(boolean interruptWorkers) {
        if (!closed.compareAndSet(false, true)) {
            awaitTermination();
            return;
        }
        draining = true;
        try {
            closeListeners();
            channels.close().awaitUninterruptibly();
            OpsHttpServer server = http;
            if (server != null) {
                server.close();
            }
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            if (interruptWorkers) {
                workers.shutdownNow();
            } else {
                workers.shutdown();
            }
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            exports.close();
            for (ListenAddress address : bound) {
                if (address instanceof ListenAddress.Unix unix) {
                    UnixSocketFile.remove(unix.path());
                }
            }
            metrics.close();
            if (serving) {
                Log.info("stopped");
            }
            terminated.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished, from whichever thread called it. */
    public void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
