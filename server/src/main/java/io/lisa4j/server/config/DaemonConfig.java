package io.lisa4j.server.config;

import io.lisa4j.server.OpsOptions;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;

/** Everything {@code lisa4j serve} runs with, after the file and the flags were merged and checked. */
public record DaemonConfig(
        ServerConfig server,
        OpsOptions ops,
        Log.Level logLevel,
        boolean accessLog,
        TlsSettings tls,
        AuthorizationSettings authorization) {}
