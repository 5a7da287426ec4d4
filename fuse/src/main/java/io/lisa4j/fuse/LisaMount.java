package io.lisa4j.fuse;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RpcCounter;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.api.FuseBuilder;
import org.cryptomator.jfuse.api.FuseMountFailedException;

/**
 * One export mounted at a directory through the kernel's FUSE: its own connection to the server,
 * paths walked IN_ROOT, every FUSE operation one RPC, except reads and writes of files whose host
 * descriptor the server donated (Unix sockets, unless {@link MountOptions#fdDonation()} is off). {@link #close()} unmounts and disconnects.
 */
public final class LisaMount implements AutoCloseable {
    private final Session session;
    private final Fuse fuse;
    private final Arena upcalls;
    private final Path mountpoint;
    private boolean closed;

    private LisaMount(Session session, Fuse fuse, Arena upcalls, Path mountpoint) {
        this.session = session;
        this.fuse = fuse;
        this.upcalls = upcalls;
        this.mountpoint = mountpoint;
    }

    public static LisaMount mount(String endpoint, String export, Path mountpoint, MountOptions options)
            throws IOException {
        return mount(endpoint, export, mountpoint, options, null);
    }

    /** As above; a {@code tcp:} endpoint speaks mutual TLS with {@code tls} (the client's key material). */
    public static LisaMount mount(String endpoint, String export, Path mountpoint, MountOptions options, TlsFiles tls)
            throws IOException {
        ErrnoException unavailable = FuseSupport.unavailable().orElse(null);
        if (unavailable != null) {
            throw unavailable;
        }
        if (!Files.isDirectory(mountpoint)) {
            throw new ErrnoException(Files.exists(mountpoint) ? Errno.ENOTDIR : Errno.ENOENT, "mount point " + mountpoint);
        }
        ClientOptions client = tls == null ? ClientOptions.DEFAULTS : ClientOptions.DEFAULTS.withTls(tls);
        Session session = Lisa4jClient.connect(URI.create(endpoint), client.withClientName("lisa4j-fuse")
                .withFdDonation(options.fdDonation() && endpoint.startsWith("unix:"))
                .withReconnect(options.reconnect()));
        Arena upcalls = Arena.ofShared();
        try {
            RemoteFs fs = mountExport(session, export, endpoint);
            session.onConnectionEvents(new ConnectionLog(System.err));
            FuseBuilder builder = Fuse.builder();
            builder.setLibraryPath(FuseSupport.libfuse().orElseThrow().toString());
            LisaFuseOperations ops = operations(builder, fs, session.maxDataPerRpc(), options);
            Fuse fuse = builder.build(ops);
            ExtraBindings.bind(fuse, ops, upcalls);
            fuse.mount("lisa4j", mountpoint, options.fuseArgs("lisa4j:" + export).toArray(String[]::new));
            return new LisaMount(session, fuse, upcalls, mountpoint);
        } catch (FuseMountFailedException | RuntimeException | IOException e) {
            session.close();
            upcalls.close();
            throw e instanceof IOException io ? io : new IOException("mount at " + mountpoint + " failed: " + e.getMessage()
                    + " (is fusermount3 installed and the mount point empty?)", e);
        }
    }

    private static RemoteFs mountExport(Session session, String export, String endpoint) throws IOException {
        try {
            return session.mount(export).withResolveMode(ResolveMode.IN_ROOT);
        } catch (ErrnoException e) {
            ErrnoException named = new ErrnoException(e.errno(), "export " + export + " at " + endpoint);
            named.initCause(e);
            throw named;
        }
    }

    private static LisaFuseOperations operations(FuseBuilder builder, RemoteFs fs, int maxData, MountOptions options) {
        OpenFiles files = new OpenFiles();
        Rpc rpc = new Rpc(options.callTimeout());
        var async = fs.async();
        return new LisaFuseOperations(builder.errno(), options,
                new AttrOps(async, files, rpc),
                new FileOps(async, files, rpc, maxData),
                new DirOps(files, rpc),
                new EntryOps(async, rpc),
                new XattrOps(async, rpc));
    }

    public Path mountpoint() {
        return mountpoint;
    }

    /** The RPCs this mount's session has sent, by opcode. */
    RpcCounter rpcCounter() {
        return session.rpcCounter();
    }

    /** Whether the connection to the server is still up. */
    public boolean connected() {
        return session.isOpen();
    }

    /** Unmounts (waiting for FUSE's loop to end), then closes the connection. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            fuse.close();
        } catch (TimeoutException e) {
            throw new IOException("FUSE loop of " + mountpoint + " did not end", e);
        } finally {
            session.close();
            upcalls.close();
        }
    }
}
