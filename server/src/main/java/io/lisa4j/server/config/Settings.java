package io.lisa4j.server.config;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.Limits;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.OpsOptions;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.spi.ExportSpec;
import java.time.Duration;
import java.util.List;

/**
 * One layer of settings, from the config file or from the command line; null means "not given
 * here". Each value was validated by the layer that read it, which knows the key to blame.
 */
public record Settings(
        List<ExportSpec> exports,
        List<ListenAddress> listen,
        ListenAddress.Tcp metrics,
        Duration drainTimeout,
        Integer maxMessageSize,
        Integer maxInFlight,
        Integer maxHandles,
        Integer workers,
        Integer ioThreads,
        Log.Level logLevel,
        Boolean accessLog,
        TlsSettings tls,
        AuthorizationSettings authorization) {
    public static final Settings EMPTY =
            new Settings(null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** This layer with every value {@code top} gives replaced by it: the CLI over the file. */
    public Settings overriddenBy(Settings top) {
        return new Settings(pick(top.exports, exports), pick(top.listen, listen), pick(top.metrics, metrics),
                pick(top.drainTimeout, drainTimeout), pick(top.maxMessageSize, maxMessageSize),
                pick(top.maxInFlight, maxInFlight), pick(top.maxHandles, maxHandles), pick(top.workers, workers),
                pick(top.ioThreads, ioThreads), pick(top.logLevel, logLevel), pick(top.accessLog, accessLog),
                pick(top.tls, tls), pick(top.authorization, authorization));
    }

    /** The daemon's configuration, defaults filling what no layer gave; {@code defaultListen} if none did. */
    public DaemonConfig resolve(List<ListenAddress> defaultListen) {
        if (exports == null || exports.isEmpty()) {
            throw new ConfigException("exports", "no export configured (--export NAME=DIR or exports: in the file)");
        }
        Limits limits = new Limits(or(maxMessageSize, Limits.DEFAULT.maxMessageSize()),
                or(maxInFlight, Limits.DEFAULT.maxInFlight()), or(maxHandles, Limits.DEFAULT.maxHandles()),
                ProtocolConstants.MAX_COMPONENTS, ProtocolConstants.MAX_NAME_LENGTH);
        ServerConfig server = ServerConfig.of(listen == null || listen.isEmpty() ? defaultListen : listen, exports)
                .withLimits(limits).withWorkers(or(workers, ServerConfig.DEFAULT_WORKERS),
                        ServerConfig.DEFAULT_WORKER_QUEUE).withIoThreads(or(ioThreads, 0));
        OpsOptions ops = new OpsOptions(metrics, or(drainTimeout, OpsOptions.DEFAULT_DRAIN_TIMEOUT));
        return new DaemonConfig(server, ops, or(logLevel, Log.Level.INFO), or(accessLog, false),
                or(tls, TlsSettings.NONE), or(authorization, AuthorizationSettings.ANYONE));
    }

    private static <T> T pick(T top, T below) {
        return top != null ? top : below;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
