package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.config.Check;
import io.lisa4j.server.config.Settings;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.spi.ExportSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code serve}; each one left out (null, or an empty list) falls back to the config
 * file, then the default. They are checked by the same {@link Check} rules as the file's keys.
 */
final class ServeOptions {
    @Option(names = "--export", paramLabel = "NAME=DIR[:ro]",
            description = "Export DIR under NAME; ':ro' makes it read-only. Repeatable; replaces the file's exports "
                    + "together with their grants and policies.")
    List<String> exports = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "unix:/path/to.sock or tcp:host:port (port 0 picks one). Repeatable. "
                    + "Default, unless --inherit-fd is given: lisa4j.sock in $XDG_RUNTIME_DIR/lisa4j-demo, "
                    + "else in /tmp/lisa4j-demo.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--metrics", paramLabel = "tcp:HOST:PORT",
            description = "Serve GET /metrics (Prometheus) and GET /health over HTTP here, e.g. tcp:127.0.0.1:9464.")
    String metrics;

    @Option(names = "--drain-timeout", paramLabel = "DURATION",
            description = "On SIGTERM, how long to wait for requests in progress (e.g. 10s, 500ms; default 10s).")
    String drainTimeout;

    @Option(names = "--workers", paramLabel = "N",
            description = "Platform threads running filesystem calls (default: 4 per CPU, at least 8).")
    Integer workers;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads; 0 lets Netty choose.")
    Integer ioThreads;

    @Option(names = "--inline-metadata", negatable = true,
            description = "Answer metadata lookups (STAT, FSTAT, READLINK, ACCESS, xattr reads, STATFS) on the event "
                    + "loop rather than a worker, unless they run with delegated credentials (default on).")
    Boolean inlineMetadata;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "debug, info (default), warn or error.")
    String logLevel;

    @Option(names = "--access-log", negatable = true,
            description = "Log one line per request: op, fsid, status, duration (default off).")
    Boolean accessLog;

    @Option(names = "--debug", description = "Same as --log-level debug.")
    boolean debug;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Mixin
    SecurityOptions security = new SecurityOptions();

    /** The command line as one settings layer, to lay over the file's. */
    Settings settings() {
        List<ExportSpec> specs = exports.isEmpty() ? null
                : exports.stream().map(e -> Check.export("--export", e)).toList();
        List<ListenAddress> addresses = listen.isEmpty() ? null
                : listen.stream().map(a -> Check.listen("--listen", a)).toList();
        return new Settings(specs, addresses, security.inheritFds(), security.socketMode(),
                Check.tcp("--metrics", metrics), Check.duration("--drain-timeout", drainTimeout),
                Check.atLeast("--workers", workers, 1), Check.atLeast("--io-threads", ioThreads, 0), inlineMetadata,
                Check.logLevel("--log-level", debug ? "debug" : logLevel), accessLog, limits.settings(),
                security.tls(), security.insecureTcp(), security.access());
    }
}
