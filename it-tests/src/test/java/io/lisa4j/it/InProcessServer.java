package io.lisa4j.it;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real daemon in this JVM, exporting a temp directory as "data" over a Unix socket and loopback TCP. */
public final class InProcessServer implements AutoCloseable {
    public enum Transport { UNIX, TCP }

    public static final String EXPORT = "data";

    public final Path exportDir;
    private final Path socket;
    private final LisaServer server;

    private InProcessServer(Path exportDir, Path socket, LisaServer server) {
        this.exportDir = exportDir;
        this.socket = socket;
        this.server = server;
    }

    public static InProcessServer start(Path tempDir) throws IOException {
        Path exportDir = Files.createDirectories(tempDir.resolve("export"));
        Path socket = tempDir.resolve("lisa4j.sock");
        ServerConfig config = ServerConfig.of(
                List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)),
                List.of(ExportSpec.host(EXPORT, exportDir.toString(), false)));
        return new InProcessServer(exportDir, socket, LisaServer.start(config));
    }

    public String endpoint(Transport transport) {
        return transport == Transport.UNIX ? "unix:" + socket : "tcp:127.0.0.1:" + server.tcpPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
