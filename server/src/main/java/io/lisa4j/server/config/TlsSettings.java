package io.lisa4j.server.config;

import java.nio.file.Path;

/**
 * TLS material for the TCP listeners, as paths to PEM files: the server's certificate chain and
 * private key, and the CA that client certificates must chain to (which turns on mutual TLS).
 * Read here and validated to exist; the transport's TLS setup consumes it.
 */
public record TlsSettings(Path certificate, Path privateKey, Path clientCa) {
    public static final TlsSettings NONE = new TlsSettings(null, null, null);

    public boolean enabled() {
        return certificate != null;
    }

    public boolean mutual() {
        return clientCa != null;
    }
}
