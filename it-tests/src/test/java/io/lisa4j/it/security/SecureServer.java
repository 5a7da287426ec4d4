package io.lisa4j.it.security;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The daemon with a mutual-TLS TCP listener and a Unix socket, two read-write exports and an access policy. */
final class SecureServer implements AutoCloseable {
    final LisaServer server;
    final Path data;
    final Path other;
    final Path socket;

    private SecureServer(LisaServer server, Path data, Path other, Path socket) {
        this.server = server;
        this.data = data;
        this.other = other;
        this.socket = socket;
    }

    static SecureServer start(Path dir, Pki pki, AccessPolicy access, SecurityConfig base) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Path socket = dir.resolve("s.sock");
        ServerConfig config = ServerConfig.of(
                        List.of(new ListenAddress.Tcp("127.0.0.1", 0), new ListenAddress.Unix(socket)),
                        List.of(ExportSpec.host("data", data.toString(), false),
                                ExportSpec.host("other", other.toString(), false)))
                .withWorkers(4, 64).withIoThreads(1)
                .withSecurity(base.withTls(pki.server()).withAccess(access));
        return new SecureServer(LisaServer.start(config), data, other, socket);
    }

    URI tcp() {
        return URI.create("tcp:127.0.0.1:" + server.tcpPort());
    }

    Session connect(TlsFiles client) throws IOException {
        return Lisa4jClient.connect(tcp(), ClientOptions.DEFAULTS.withTls(client));
    }

    Session connectUnix() throws IOException {
        return Lisa4jClient.connect("unix:" + socket);
    }

    @Override
    public void close() {
        server.close();
    }
}
