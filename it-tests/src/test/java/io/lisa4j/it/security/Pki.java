package io.lisa4j.it.security;

import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Real certificates for the TLS tests: a CA, its server and clients, and a rogue CA's look-alike. */
final class Pki {
    final Path dir;
    final CertificateAuthority ca;

    private Pki(Path dir, CertificateAuthority ca) {
        this.dir = dir;
        this.ca = ca;
    }

    static Pki create(Path dir) throws IOException {
        Files.createDirectories(dir);
        CertificateAuthority ca = CertificateAuthority.create("test-ca", Duration.ofDays(1));
        ca.write(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));
        ca.issueServer("server", List.of("127.0.0.1", "localhost"), Duration.ofDays(1))
                .write(dir.resolve("server.pem"), dir.resolve("server-key.pem"), ca.certificate());
        return new Pki(dir, ca);
    }

    TlsFiles server() {
        return TlsFiles.in(dir, "server");
    }

    /** A client certificate from the test CA. */
    TlsFiles client(String identity) throws IOException {
        ca.issueClient(identity, Duration.ofDays(1)).write(dir.resolve(identity + ".pem"),
                dir.resolve(identity + "-key.pem"), ca.certificate());
        return TlsFiles.in(dir, identity);
    }

    /** A client certificate from the test CA whose validity ended an hour ago. */
    TlsFiles expiredClient(String identity) throws IOException {
        Instant now = Instant.now();
        ca.issueClient(identity, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)))
                .write(dir.resolve(identity + ".pem"), dir.resolve(identity + "-key.pem"), ca.certificate());
        return TlsFiles.in(dir, identity);
    }

    /** A certificate naming {@code identity}, issued by another CA; it trusts the real CA so only the server can object. */
    TlsFiles rogueClient(String identity) throws IOException {
        Path rogue = Files.createDirectories(dir.resolve("rogue"));
        CertificateAuthority other = CertificateAuthority.create("test-ca", Duration.ofDays(1));
        other.issueClient(identity, Duration.ofDays(1)).write(rogue.resolve(identity + ".pem"),
                rogue.resolve(identity + "-key.pem"), other.certificate());
        return new TlsFiles(dir.resolve("ca.pem"), rogue.resolve(identity + ".pem"),
                rogue.resolve(identity + "-key.pem"));
    }
}
