package io.lisa4j.it.nio;

import io.lisa4j.it.InProcessServer;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-process server and a lisa4j file system on it, over a Unix socket or TCP. */
final class Lisa4jNio implements AutoCloseable {
    /** Small frames, so that reads, writes and copies of a few hundred KiB take several RPCs. */
    static final int MAX_MESSAGE = 64 * 1024;

    final InProcessServer server;
    final FileSystem fs;

    private Lisa4jNio(InProcessServer server, FileSystem fs) {
        this.server = server;
        this.fs = fs;
    }

    static Lisa4jNio start(Path temp, InProcessServer.Transport transport) throws IOException {
        return start(temp, transport, Map.of());
    }

    /** As above, with {@code extra} added to the file system's env (e.g. fdDonation=false). */
    static Lisa4jNio start(Path temp, InProcessServer.Transport transport, Map<String, ?> extra) throws IOException {
        InProcessServer server = InProcessServer.start(temp);
        try {
            TlsFiles tls = server.clientTls();
            Map<String, Object> env = new HashMap<>(Map.of("maxMessageSize", MAX_MESSAGE, "clientName", "nio-suite",
                    "tls.ca", tls.caCert().toString(), "tls.cert", tls.cert().toString(),
                    "tls.key", tls.key().toString()));
            env.putAll(extra);
            return new Lisa4jNio(server, FileSystems.newFileSystem(uri(server, transport), env));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static URI uri(InProcessServer server, InProcessServer.Transport transport) {
        String endpoint = server.endpoint(transport);
        return transport == InProcessServer.Transport.UNIX
                ? URI.create("lisa4j+unix://" + endpoint.substring("unix:".length()) + "?export=" + InProcessServer.EXPORT)
                : URI.create("lisa4j+tcp://" + endpoint.substring("tcp:".length()) + "?export=" + InProcessServer.EXPORT);
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            server.close();
        }
    }
}
