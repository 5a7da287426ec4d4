package io.lisa4j.server.cli;

import io.lisa4j.server.config.CliSettings;
import io.lisa4j.server.config.Settings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code serve}; each one left out (null) falls back to the config file, then the default. */
final class ServeOptions {
    @Option(names = "--export", paramLabel = "NAME=DIR[:ro]",
            description = "Export DIR under NAME; ':ro' makes it read-only. Repeatable; replaces the file's exports.")
    List<String> exports = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "unix:/path/to.sock or tcp:host:port (port 0 picks one). Repeatable. "
                    + "Default: lisa4j.sock in $XDG_RUNTIME_DIR/lisa4j-demo, else in /tmp/lisa4j-demo.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--metrics", paramLabel = "tcp:HOST:PORT",
            description = "Serve GET /metrics (Prometheus) and GET /health over HTTP here, e.g. tcp:127.0.0.1:9464.")
    String metrics;

    @Option(names = "--drain-timeout", paramLabel = "DURATION",
            description = "On SIGTERM, how long to wait for requests in progress (e.g. 10s, 500ms; default 10s).")
    String drainTimeout;

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "Largest frame offered in HELLO (default 4194304).")
    Integer maxMessageSize;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Requests one connection may have outstanding (default 256).")
    Integer maxInFlight;

    @Option(names = "--max-handles", paramLabel = "N",
            description = "Open handles one connection may hold (default 4096).")
    Integer maxHandles;

    @Option(names = "--workers", paramLabel = "N",
            description = "Platform threads running filesystem calls (default: 4 per CPU, at least 8).")
    Integer workers;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads; 0 lets Netty choose.")
    Integer ioThreads;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "debug, info (default), warn or error.")
    String logLevel;

    @Option(names = "--access-log", negatable = true,
            description = "Log one line per request: op, fsid, status, duration (default off).")
    Boolean accessLog;

    @Option(names = "--debug", description = "Same as --log-level debug.")
    boolean debug;

    Settings settings() {
        return new CliSettings(exports, listen, metrics, drainTimeout, maxMessageSize, maxInFlight, maxHandles,
                workers, ioThreads, debug ? "debug" : logLevel, accessLog).toSettings();
    }

}
