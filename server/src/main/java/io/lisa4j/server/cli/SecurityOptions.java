package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.config.TlsSettings;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.tls.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code serve} options about who may connect and mount, and what a connection may hold. */
final class SecurityOptions {
    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "TLS for TCP listeners from DIR/ca.pem, DIR/server.pem, DIR/server-key.pem (see 'lisa4j certs').")
    Path tlsDir;

    @Option(names = "--insecure-tcp",
            description = "Allow TCP listeners without TLS: anyone who reaches the port is an anonymous client.")
    boolean insecureTcp;

    @Option(names = "--allow", paramLabel = "EXPORT=PRINCIPAL[:ro|:rw]",
            description = "Let PRINCIPAL (tls:NAME, uid:N, gid:N, anonymous) mount EXPORT. Repeatable. "
                    + "An export without any --allow is open to the server's own uid (and root) only.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--delegate-credentials", paramLabel = "EXPORT",
            description = "Run EXPORT's calls with the uid/gid/groups each request carries (server must be root). Repeatable.")
    List<String> delegate = new ArrayList<>();

    @Option(names = "--allow-setid", paramLabel = "EXPORT",
            description = "Let clients set setuid/setgid bits on EXPORT (refused with EPERM by default). Repeatable.")
    List<String> allowSetId = new ArrayList<>();

    @Option(names = "--allow-security-xattrs", paramLabel = "EXPORT",
            description = "Let clients change security.* extended attributes on EXPORT (EPERM by default). Repeatable.")
    List<String> allowSecurityXattrs = new ArrayList<>();

    @Option(names = "--socket-mode", paramLabel = "OCTAL", description = "Mode of Unix socket files (default 0600).")
    String socketMode = "0600";

    @Option(names = "--inherit-fd", paramLabel = "N",
            description = "Serve the already-connected Unix socket N (one end of a launcher's socketpair). Repeatable.")
    List<Integer> inheritFds = new ArrayList<>();

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "TLS plus HELLO deadline (default 10).")
    long handshakeTimeout = ConnectionLimits.DEFAULT.handshakeTimeout().toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close connections idle this long with nothing in flight (default 600).")
    long idleTimeout = ConnectionLimits.DEFAULT.idleTimeout().toSeconds();

    @Option(names = "--max-connections", paramLabel = "N", description = "Connections at once (default 1024).")
    int maxConnections = ConnectionLimits.DEFAULT.maxConnections();

    @Option(names = "--max-server-handles", paramLabel = "N",
            description = "Handles all connections together may hold (default 65536).")
    int maxServerHandles = ConnectionLimits.DEFAULT.maxServerHandles();

    @Option(names = "--max-bytes-in-flight", paramLabel = "BYTES",
            description = "Request bytes one connection may have in progress before the server stops reading (default 64 MiB).")
    long maxBytesInFlight = ConnectionLimits.DEFAULT.maxBytesInFlight();

    /**
     * The config with these options applied; inherited fds join the listen addresses. TLS files
     * from the config file's {@code tls:} section apply unless {@code --tls-dir} is given; mutual TLS
     * is not optional, so they need {@code client_ca}.
     */
    ServerConfig apply(ServerConfig config, TlsSettings fileTls) {
        boolean tlsFromFile = tlsDir == null && fileTls != null && fileTls.certificate() != null;
        ServerConfig applied = apply(config, tlsFromFile);
        if (tlsFromFile) {
            if (fileTls.clientCa() == null) {
                throw new IllegalArgumentException("tls.client_ca is required: TCP clients must present certificates");
            }
            TlsFiles files = new TlsFiles(fileTls.clientCa(), fileTls.certificate(), fileTls.privateKey());
            applied = applied.withSecurity(applied.security().withTls(files));
        }
        return applied;
    }

    /** The config with these options applied; inherited fds join the listen addresses. */
    private ServerConfig apply(ServerConfig config, boolean tlsFromFile) {
        AccessPolicy access = AccessPolicy.ownerOnly();
        for (String entry : allow) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--allow wants EXPORT=PRINCIPAL[:ro|:rw], got " + entry);
            }
            String export = entry.substring(0, eq);
            if (config.exports().stream().noneMatch(e -> e.name().equals(export))) {
                throw new IllegalArgumentException("--allow names an unknown export " + export);
            }
            access = access.with(export, Grant.parse(entry.substring(eq + 1)));
        }
        SecurityConfig security = SecurityConfig.defaults().withAccess(access)
                .withSocketMode(Integer.parseInt(socketMode, 8))
                .withLimits(new ConnectionLimits(Duration.ofSeconds(handshakeTimeout), Duration.ofSeconds(idleTimeout),
                        maxConnections, maxServerHandles, maxBytesInFlight));
        for (ExportSpec export : config.exports()) {
            String name = export.name();
            ExportPolicy policy = ExportPolicy.DEFAULT;
            policy = delegate.contains(name) ? policy.withDelegation() : policy;
            policy = allowSetId.contains(name) ? policy.withSetId() : policy;
            policy = allowSecurityXattrs.contains(name) ? policy.withSecurityXattrs() : policy;
            security = security.withPolicy(name, policy);
        }
        if (tlsDir != null) {
            security = security.withTls(TlsFiles.in(tlsDir, "server"));
        }
        if (insecureTcp) {
            security = security.withInsecureTcp();
        }
        if (tlsDir == null && !tlsFromFile && !insecureTcp && config.listen().stream().anyMatch(a -> a instanceof ListenAddress.Tcp)) {
            // Checked again by LisaServer, but here it is a usage error (exit code 2), with the fix in the message.
            throw new IllegalArgumentException("TCP listeners need --tls-dir (mutual TLS) or, on a trusted network, "
                    + "--insecure-tcp");
        }
        List<ListenAddress> listen = new ArrayList<>(config.listen());
        inheritFds.forEach(fd -> listen.add(new ListenAddress.Inherited(fd)));
        return new ServerConfig(listen, config.exports(), config.limits(), config.workerThreads(),
                config.workerQueue(), config.ioThreads(), config.serverName(), security);
    }
}
