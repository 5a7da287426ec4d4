package io.lisa4j.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private CA: what it signs, what the certificates say, and the PEM files round trip. */
class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void leavesCarryTheirIdentityAndPurposeAndChainToTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1));
        X509Certificate client = ca.issueClient("alice", Duration.ofDays(1)).certificate();
        X509Certificate server = ca.issueServer("server", List.of("127.0.0.1", "files.example"), Duration.ofDays(1))
                .certificate();
        client.verify(ca.certificate().getPublicKey());
        server.verify(ca.certificate().getPublicKey());
        assertEquals(0, ca.certificate().getBasicConstraints(), "the CA signs leaves only");
        assertEquals(-1, client.getBasicConstraints(), "a leaf is no CA");
        assertEquals(Optional.of("alice"), Identities.of(client));
        assertTrue(client.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("files.example")));
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
    }

    @Test
    void pemFilesRoundTripAndKeysAreOwnerOnly() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1));
        ca.write(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));
        ca.issueClient("bob", Duration.ofDays(1)).write(dir.resolve("bob.pem"), dir.resolve("bob-key.pem"),
                ca.certificate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bob-key.pem"))));
        List<X509Certificate> chain = Pem.certificates(dir.resolve("bob.pem"));
        assertEquals(2, chain.size());
        assertArrayEquals(ca.certificate().getEncoded(), chain.get(1).getEncoded());
        CertificateAuthority reloaded = CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));
        reloaded.issueClient("carol", Duration.ofDays(1)).certificate().verify(ca.certificate().getPublicKey());
        Tls.context(TlsFiles.in(dir, "bob"));
    }

    @Test
    void identitiesAreRestrictedToASafeAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> Identities.uri("a b"));
        assertThrows(IllegalArgumentException.class, () -> Identities.uri("../x"));
        assertThrows(IllegalArgumentException.class, () -> Identities.uri(""));
        assertEquals("lisa4j:alice@corp", Identities.uri("alice@corp"));
    }
}
