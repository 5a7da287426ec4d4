package io.lisa4j.server.cli;

import io.lisa4j.server.config.Check;
import io.lisa4j.server.config.LimitSettings;
import picocli.CommandLine.Option;

/** The limit flags of {@code serve}; each one left out (null) falls back to the file's {@code limits:}, then the default. */
final class LimitOptions {
    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "Largest frame offered in HELLO (default 4194304).")
    Integer maxMessageSize;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Requests one connection may have outstanding (default 256).")
    Integer maxInFlight;

    @Option(names = "--max-handles", paramLabel = "N",
            description = "Open handles one connection may hold (default 4096).")
    Integer maxHandles;

    @Option(names = "--max-connections", paramLabel = "N", description = "Connections at once (default 1024).")
    Integer maxConnections;

    @Option(names = "--max-server-handles", paramLabel = "N",
            description = "Handles all connections together may hold (default 65536).")
    Integer maxServerHandles;

    @Option(names = "--max-bytes-in-flight", paramLabel = "BYTES",
            description = "Request bytes one connection may have in progress before the server stops reading (default 64 MiB).")
    Long maxBytesInFlight;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION",
            description = "TLS plus HELLO deadline (e.g. 10s, 500ms; a bare number is seconds; default 10s).")
    String handshakeTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close connections idle this long with nothing in flight (default 10m).")
    String idleTimeout;

    LimitSettings settings() {
        return new LimitSettings(Check.messageSize("--max-message-size", maxMessageSize),
                Check.atLeast("--max-in-flight", maxInFlight, 1), Check.atLeast("--max-handles", maxHandles, 1),
                Check.atLeast("--max-connections", maxConnections, 1),
                Check.atLeast("--max-server-handles", maxServerHandles, 1),
                Check.atLeast("--max-bytes-in-flight", maxBytesInFlight, 1L),
                Check.positiveDuration("--handshake-timeout", handshakeTimeout),
                Check.positiveDuration("--idle-timeout", idleTimeout));
    }
}
