package io.lisa4j.it;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real daemon in this JVM, exporting a temp directory as "data" over a Unix socket and over
 * loopback TCP with mutual TLS, with certificates from a private CA made for the run.
 */
public final class InProcessServer implements AutoCloseable {
    public enum Transport { UNIX, TCP }

    public static final String EXPORT = "data";
    static final String CLIENT = "it-client";

    public final Path exportDir;
    private final Path socket;
    private final LisaServer server;
    private final ClientOptions clientOptions;

    private InProcessServer(Path exportDir, Path socket, LisaServer server, ClientOptions clientOptions) {
        this.exportDir = exportDir;
        this.socket = socket;
        this.server = server;
        this.clientOptions = clientOptions;
    }

    public static InProcessServer start(Path tempDir) throws IOException {
        Path exportDir = Files.createDirectories(tempDir.resolve("export"));
        Path socket = tempDir.resolve("lisa4j.sock");
        Path pki = Files.createDirectories(tempDir.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("it-ca", Duration.ofDays(1));
        ca.write(pki.resolve("ca.pem"), pki.resolve("ca-key.pem"));
        ca.issueServer("server", List.of("127.0.0.1", "localhost"), Duration.ofDays(1))
                .write(pki.resolve("server.pem"), pki.resolve("server-key.pem"), ca.certificate());
        ca.issueClient(CLIENT, Duration.ofDays(1))
                .write(pki.resolve(CLIENT + ".pem"), pki.resolve(CLIENT + "-key.pem"), ca.certificate());
        AccessPolicy access = AccessPolicy.ownerOnly().with(EXPORT, Grant.parse("tls:" + CLIENT + ":rw"))
                .with(EXPORT, Grant.parse("uid:" + new com.sun.security.auth.module.UnixSystem().getUid() + ":rw"));
        ServerConfig config = ServerConfig.of(
                List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)),
                List.of(ExportSpec.host(EXPORT, exportDir.toString(), false)))
                .withSecurity(SecurityConfig.defaults().withTls(TlsFiles.in(pki, "server")).withAccess(access));
        // Few reconnect attempts: a test that closes the server sees its calls fail soon rather than in half a minute.
        ClientOptions options = ClientOptions.DEFAULTS.withTls(TlsFiles.in(pki, CLIENT))
                .withReconnect(io.lisa4j.client.ReconnectPolicy.DEFAULTS.withMaxAttempts(4));
        return new InProcessServer(exportDir, socket, LisaServer.start(config), options);
    }

    public String endpoint(Transport transport) {
        return transport == Transport.UNIX ? "unix:" + socket : "tcp:127.0.0.1:" + server.tcpPort();
    }

    /** The PEM files of the client certificate the server grants. */
    public TlsFiles clientTls() {
        return clientOptions.tls();
    }

    /** Connects the way a deployed client would: TLS with its client certificate over TCP. */
    public Session connect(Transport transport) throws IOException {
        return Lisa4jClient.connect(URI.create(endpoint(transport)), clientOptions);
    }

    @Override
    public void close() {
        server.close();
    }
}
