package io.lisa4j.server;

import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real server on a Unix socket in a temporary directory and on an ephemeral loopback TCP port
 * (plaintext, by explicit opt-in: these tests are about the protocol; TlsTest covers TLS).
 */
final class TestServer implements AutoCloseable {
    enum Transport { UNIX, TCP }

    final LisaServer server;
    final Path socket;

    private TestServer(LisaServer server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    static TestServer start(Path dir, List<ExportSpec> exports, Limits limits) throws IOException {
        Path socket = dir.resolve("lisa4j.sock");
        ServerConfig config = ServerConfig.of(
                        List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)), exports)
                .withLimits(limits).withWorkers(4, 64).withIoThreads(1)
                .withSecurity(SecurityConfig.defaults().withInsecureTcp());
        return new TestServer(LisaServer.start(config, ExportRegistry.open(exports)), socket);
    }

    static TestServer start(Path dir) throws IOException {
        return start(dir, List.of(), Limits.DEFAULT);
    }

    RawClient connect(Transport transport) throws IOException {
        return transport == Transport.UNIX ? RawClient.unix(socket) : RawClient.tcp(server.tcpPort());
    }

    @Override
    public void close() {
        server.close();
    }
}
