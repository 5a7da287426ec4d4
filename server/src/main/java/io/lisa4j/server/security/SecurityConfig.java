package io.lisa4j.server.security;

import io.lisa4j.tls.TlsFiles;

/**
 * The operator's security choices. TCP listeners need {@code tls} (TLS 1.3, client certificates
 * required) unless {@code insecureTcp} was chosen explicitly; {@code socketMode} is the mode of
 * Unix socket files (0600 by default).
 */
public record SecurityConfig(TlsFiles tls, boolean insecureTcp, AccessPolicy access, int socketMode,
        ConnectionLimits limits) {
    public static final int DEFAULT_SOCKET_MODE = 0600;

    public SecurityConfig {
        if ((socketMode & ~0777) != 0) {
            throw new IllegalArgumentException("socket mode must be permission bits, got " + Integer.toOctalString(socketMode));
        }
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(null, false, AccessPolicy.ownerOnly(), DEFAULT_SOCKET_MODE, ConnectionLimits.DEFAULT);
    }

    public SecurityConfig withTls(TlsFiles value) {
        return new SecurityConfig(value, insecureTcp, access, socketMode, limits);
    }

    /** Allows plaintext TCP listeners: anyone who can reach the port is an anonymous client. */
    public SecurityConfig withInsecureTcp() {
        return new SecurityConfig(tls, true, access, socketMode, limits);
    }

    public SecurityConfig withAccess(AccessPolicy value) {
        return new SecurityConfig(tls, insecureTcp, value, socketMode, limits);
    }

    public SecurityConfig withSocketMode(int value) {
        return new SecurityConfig(tls, insecureTcp, access, value, limits);
    }

    public SecurityConfig withLimits(ConnectionLimits value) {
        return new SecurityConfig(tls, insecureTcp, access, socketMode, value);
    }
}
