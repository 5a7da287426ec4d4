package io.lisa4j.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.tls.Pem;
import io.lisa4j.tls.TlsFiles;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on TCP and per-export authorisation: identities from the certificate SAN, ro and
 * rw grants, and every way of failing the handshake refused before a single frame is answered.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsAuthorizationTest {
    @TempDir
    static Path dir;

    static Pki pki;
    static SecureServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = Pki.create(dir.resolve("pki"));
        AccessPolicy access = AccessPolicy.ownerOnly()
                .with("data", Grant.parse("tls:alice:rw"))
                .with("data", Grant.parse("tls:bob:ro"))
                .with("other", Grant.parse("tls:bob:rw"));
        server = SecureServer.start(dir, pki, access, SecurityConfig.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGrantedIdentityMountsReadWriteAndWritesReachTheHost() throws Exception {
        try (Session s = server.connect(pki.client("alice"))) {
            RemoteFs fs = s.mount("data");
            assertFalse(fs.readOnly());
            fs.mkdir("made-by-alice", 0755);
            assertTrue(Files.isDirectory(server.data.resolve("made-by-alice")));
        }
    }

    @Test
    void aReadOnlyGrantOnAReadWriteExportGivesAReadOnlyMount() throws Exception {
        try (Session s = server.connect(pki.client("bob"))) {
            RemoteFs fs = s.mount("data");
            assertTrue(fs.readOnly());
            ErrnoException e = assertThrows(ErrnoException.class, () -> fs.mkdir("made-by-bob", 0755));
            assertEquals(Errno.EROFS.number(), e.errno());
            assertFalse(Files.exists(server.data.resolve("made-by-bob")));
            assertFalse(s.mount("other").readOnly());
        }
    }

    @Test
    void anIdentityWithoutAGrantIsRefusedMountAndKeepsItsConnection() throws Exception {
        try (Session s = server.connect(pki.client("carol"))) {
            assertEquals(Errno.EACCES.number(), assertThrows(ErrnoException.class, () -> s.mount("data")).errno());
            assertEquals(Errno.EACCES.number(), assertThrows(ErrnoException.class, () -> s.mount("other")).errno());
            assertEquals(Errno.ENOENT.number(), assertThrows(ErrnoException.class, () -> s.mount("nope")).errno());
            s.ping();
        }
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        TlsFiles dave = pki.expiredClient("alice-expired");
        assertHandshakeRefused(dave);
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedEvenWithAGrantedName() throws Exception {
        assertHandshakeRefused(pki.rogueClient("alice"));
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLSv1.3");
        trustOnly.init(null, caTrust(), null);
        SSLSocket socket = (SSLSocket) trustOnly.getSocketFactory().createSocket("127.0.0.1", server.server.tcpPort());
        Refusals.assertNoReply(socket);
    }

    @Test
    void aTls12OfferIsRefused() throws Exception {
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, caTrust(), null);
        SSLSocket socket = (SSLSocket) tls12.getSocketFactory().createSocket("127.0.0.1", server.server.tcpPort());
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        Refusals.assertNoReply(socket);
    }

    @Test
    void plaintextOnTheTlsPortIsRefused() throws Exception {
        Refusals.assertNoReply(new Socket("127.0.0.1", server.server.tcpPort()));
    }

    @Test
    void theClientRefusesPlaintextTcpUnlessToldOtherwise() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Lisa4jClient.connect(server.tcp(), ClientOptions.DEFAULTS));
        // Opting in on the client alone does not help: the server still speaks only TLS.
        assertThrows(Exception.class,
                () -> Lisa4jClient.connect(server.tcp(), ClientOptions.DEFAULTS.withInsecurePlaintextTcp()).ping());
    }

    @Test
    void theClientChecksTheServerAgainstItsOwnCa() throws Exception {
        // alice's files, but trusting a CA that did not sign the server: the client must refuse.
        TlsFiles rogue = pki.rogueClient("alice");
        Path rogueCa = pki.dir.resolve("rogue/ca.pem");
        Pem.write(rogueCa, false, Pem.certificates(rogue.cert()).get(1));
        assertHandshakeRefused(new TlsFiles(rogueCa, pki.client("alice").cert(), pki.client("alice").key()));
    }

    private static void assertHandshakeRefused(TlsFiles client) {
        Exception e = assertThrows(Exception.class, () -> {
            try (Session s = server.connect(client)) {
                s.mount("data");
            }
        });
        assertTrue(e instanceof java.io.IOException, e.toString());
        assertFalse(Files.exists(server.data.resolve("should-not-exist")));
    }

    private static javax.net.ssl.TrustManager[] caTrust() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
