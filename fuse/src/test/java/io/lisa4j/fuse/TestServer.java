package io.lisa4j.fuse;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real daemon in this JVM, exporting {@code dir} as "data" on a Unix socket beside it. */
final class TestServer implements AutoCloseable {
    static final String EXPORT = "data";

    private final LisaServer server;
    private final Path socket;
    private boolean closed;

    private TestServer(LisaServer server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    static TestServer start(Path exportDir, Path socket) throws IOException {
        Files.createDirectories(exportDir);
        // The POSIX comparison includes setuid and security.* semantics, which exports refuse by default.
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)),
                List.of(ExportSpec.host(EXPORT, exportDir.toString(), false)))
                .withSecurity(SecurityConfig.defaults()
                        .withPolicy(EXPORT, ExportPolicy.DEFAULT.withSetId().withSecurityXattrs()));
        return new TestServer(LisaServer.start(config), socket);
    }

    String endpoint() {
        return "unix:" + socket;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }
}
