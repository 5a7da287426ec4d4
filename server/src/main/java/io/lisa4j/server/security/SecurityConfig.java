package io.lisa4j.server.security;

import io.lisa4j.tls.TlsFiles;
import java.util.HashMap;
import java.util.Map;

/**
 * The operator's security choices. TCP listeners need {@code tls} (TLS 1.3, client certificates
 * required) unless {@code insecureTcp} was chosen explicitly; {@code socketMode} is the mode of
 * Unix socket files (0600 by default).
 */
public record SecurityConfig(TlsFiles tls, boolean insecureTcp, AccessPolicy access, int socketMode,
        ConnectionLimits limits, Map<String, ExportPolicy> policies) {
    public static final int DEFAULT_SOCKET_MODE = 0600;

    public SecurityConfig {
        policies = Map.copyOf(policies);
        if ((socketMode & ~0777) != 0) {
            throw new IllegalArgumentException("socket mode must be permission bits, got " + Integer.toOctalString(socketMode));
        }
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(null, false, AccessPolicy.ownerOnly(), DEFAULT_SOCKET_MODE, ConnectionLimits.DEFAULT,
                Map.of());
    }

    public SecurityConfig withTls(TlsFiles value) {
        return new SecurityConfig(value, insecureTcp, access, socketMode, limits, policies);
    }

    /** Allows plaintext TCP listeners: anyone who can reach the port is an anonymous client. */
    public SecurityConfig withInsecureTcp() {
        return new SecurityConfig(tls, true, access, socketMode, limits, policies);
    }

    public SecurityConfig withAccess(AccessPolicy value) {
        return new SecurityConfig(tls, insecureTcp, value, socketMode, limits, policies);
    }

    public SecurityConfig withSocketMode(int value) {
        return new SecurityConfig(tls, insecureTcp, access, value, limits, policies);
    }

    /** Sets the policy of one export (credential delegation, set-id bits, security.* attributes). */
    public SecurityConfig withPolicy(String export, ExportPolicy policy) {
        Map<String, ExportPolicy> copy = new HashMap<>(policies);
        copy.put(export, policy);
        return new SecurityConfig(tls, insecureTcp, access, socketMode, limits, copy);
    }

    public ExportPolicy policy(String export) {
        return policies.getOrDefault(export, ExportPolicy.DEFAULT);
    }

    public SecurityConfig withLimits(ConnectionLimits value) {
        return new SecurityConfig(tls, insecureTcp, access, socketMode, value, policies);
    }
}
