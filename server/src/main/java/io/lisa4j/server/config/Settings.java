package io.lisa4j.server.config;

import io.lisa4j.server.DescriptorBudget;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.OpsOptions;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of settings, from the config file or from the command line; null means "not given
 * here". Each value was validated by the layer that read it, which knows the key to blame; what
 * needs several values together (grants naming exports, TCP needing TLS) is checked by
 * {@link #resolve}.
 */
public record Settings(
        List<ExportSpec> exports,
        List<ListenAddress> listen,
        List<Integer> inheritFds,
        Integer socketMode,
        ListenAddress.Tcp metrics,
        Duration drainTimeout,
        Integer workers,
        Integer ioThreads,
        Boolean inlineMetadata,
        Log.Level logLevel,
        Boolean accessLog,
        LimitSettings limits,
        TlsSettings tls,
        Boolean insecureTcp,
        ExportAccessSettings access) {
    public static final Settings EMPTY = new Settings(null, null, null, null, null, null, null, null, null, null,
            null, LimitSettings.EMPTY, null, null, ExportAccessSettings.EMPTY);

    /**
     * This layer with every value {@code top} gives replaced by it: the CLI over the file. Exports
     * given on top replace this layer's exports together with their grants and policies.
     */
    public Settings overriddenBy(Settings top) {
        ExportAccessSettings below = top.exports != null ? ExportAccessSettings.EMPTY : access;
        return new Settings(pick(top.exports, exports), pick(top.listen, listen), pick(top.inheritFds, inheritFds),
                pick(top.socketMode, socketMode), pick(top.metrics, metrics), pick(top.drainTimeout, drainTimeout),
                pick(top.workers, workers), pick(top.ioThreads, ioThreads),
                pick(top.inlineMetadata, inlineMetadata), pick(top.logLevel, logLevel),
                pick(top.accessLog, accessLog), limits.overriddenBy(top.limits), pick(top.tls, tls),
                pick(top.insecureTcp, insecureTcp), below.overriddenBy(top.access));
    }

    /**
     * The daemon's configuration, defaults filling what no layer gave; {@code defaultListen} if no
     * layer gave a listener or an inherited socket.
     */
    public DaemonConfig resolve(List<ListenAddress> defaultListen) {
        if (exports == null || exports.isEmpty()) {
            throw new ConfigException("exports", "no export configured (--export NAME=DIR or exports: in the file)");
        }
        List<ListenAddress> addresses = new ArrayList<>(listen == null ? List.of() : listen);
        if (inheritFds != null) {
            inheritFds.forEach(fd -> addresses.add(new ListenAddress.Inherited(fd)));
        }
        if (addresses.isEmpty()) {
            addresses.addAll(defaultListen);
        }
        boolean insecure = insecureTcp != null && insecureTcp;
        if (tls == null && !insecure && addresses.stream().anyMatch(a -> a instanceof ListenAddress.Tcp)) {
            throw new ConfigException("tls", "TCP listeners need TLS material (--tls-dir, or tls: in the file) for "
                    + "mutual TLS or, on a trusted network, --insecure-tcp (insecure_tcp: true)");
        }
        int workerThreads = pick(workers, ServerConfig.DEFAULT_WORKERS);
        int loops = pick(ioThreads, 0);
        ConnectionLimits guards = limits.serverWide(DescriptorBudget.measure(workerThreads, loops));
        SecurityConfig security = SecurityConfig.defaults()
                .withSocketMode(pick(socketMode, SecurityConfig.DEFAULT_SOCKET_MODE)).withLimits(guards);
        security = tls == null ? security : security.withTls(tls.files());
        security = insecure ? security.withInsecureTcp() : security;
        security = access.applyTo(security, exports.stream().map(ExportSpec::name).toList());
        ServerConfig server = ServerConfig.of(addresses, exports)
                .withLimits(limits.perConnection(guards.maxServerHandles()))
                .withWorkers(workerThreads, ServerConfig.DEFAULT_WORKER_QUEUE).withIoThreads(loops)
                .withInlineMetadata(pick(inlineMetadata, ServerConfig.DEFAULT_INLINE_METADATA)).withSecurity(security);
        OpsOptions ops = new OpsOptions(metrics, pick(drainTimeout, OpsOptions.DEFAULT_DRAIN_TIMEOUT));
        return new DaemonConfig(server, ops, pick(logLevel, Log.Level.INFO), pick(accessLog, false));
    }

    /** {@code top} if given, else {@code below}. */
    static <T> T pick(T top, T below) {
        return top != null ? top : below;
    }
}
