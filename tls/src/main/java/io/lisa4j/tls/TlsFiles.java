package io.lisa4j.tls;

import java.nio.file.Path;

/**
 * A side's key material as PEM files: the CA certificate it trusts (and only that CA), its own
 * certificate chain and its private key.
 */
public record TlsFiles(Path caCert, Path cert, Path key) {
    /** The names {@code certs} writes into {@code dir} for {@code name}: ca.pem, NAME.pem, NAME-key.pem. */
    public static TlsFiles in(Path dir, String name) {
        return new TlsFiles(dir.resolve("ca.pem"), dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    }
}
