package io.lisa4j.bench;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.Workers;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The benchmark's world: an export directory (a depth-1 and a depth-5 file, a blob for reads, a
 * directory of 1 000 entries) served by an in-process daemon on a Unix socket and loopback TCP
 * (plaintext), and one client session per target: Unix in band, Unix with descriptor donation, TCP.
 */
final class Fixture implements AutoCloseable {
    static final String EXPORT = "bench";
    static final String DEPTH1 = "f1";
    static final String DEPTH5 = "a/b/c/d/f5";
    static final String BLOB = "blob";
    static final String DIR = "d1000";
    static final int DIR_ENTRIES = 1000;

    final Path root;
    final Path exportDir;
    final Path socket;
    final long blobBytes;
    private final LisaServer server;
    final RemoteFs unix;
    final RemoteFs donating;
    final RemoteFs tcp;
    private final List<Session> sessions;

    Fixture(Mode mode) throws IOException {
        this(mode, Workers.POOL, ServerConfig.DEFAULT_WORKERS, ServerConfig.DEFAULT_INLINE_METADATA);
    }

    /**
     * With the daemon's filesystem calls run as {@code workers} says ({@code poolThreads} for a pool),
     * metadata lookups on the event loop if {@code inlineMetadata}.
     */
    Fixture(Mode mode, Workers workers, int poolThreads, boolean inlineMetadata) throws IOException {
        root = Files.createTempDirectory("lisa4j-bench");
        exportDir = Files.createDirectories(root.resolve("export"));
        blobBytes = mode.blobBytes();
        populate();
        socket = root.resolve("bench.sock");
        ServerConfig config = ServerConfig.of(
                List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)),
                List.of(ExportSpec.host(EXPORT, exportDir.toString(), false)))
                .withWorkers(poolThreads, ServerConfig.DEFAULT_WORKER_QUEUE).withInlineMetadata(inlineMetadata)
                .withSecurity(SecurityConfig.defaults().withInsecureTcp());
        server = LisaServer.start(config, ExportRegistry.open(config.exports()), workers);
        Session u = Lisa4jClient.connect(URI.create("unix:" + socket), ClientOptions.DEFAULTS);
        Session d = Lisa4jClient.connect(URI.create("unix:" + socket), ClientOptions.DEFAULTS.withFdDonation(true));
        Session t = Lisa4jClient.connect(URI.create("tcp:127.0.0.1:" + server.tcpPort()),
                ClientOptions.DEFAULTS.withInsecurePlaintextTcp());
        sessions = List.of(u, d, t);
        unix = u.mount(EXPORT);
        donating = d.mount(EXPORT);
        tcp = t.mount(EXPORT);
    }

    private void populate() throws IOException {
        Files.writeString(exportDir.resolve(DEPTH1), "depth one");
        Path deep = exportDir.resolve(DEPTH5);
        Files.createDirectories(deep.getParent());
        Files.writeString(deep, "depth five");
        byte[] chunk = new byte[1 << 20];
        new Random(42).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(exportDir.resolve(BLOB))) {
            for (long done = 0; done < blobBytes; done += chunk.length) {
                out.write(chunk);
            }
        }
        Path dir = Files.createDirectories(exportDir.resolve(DIR));
        for (int i = 0; i < DIR_ENTRIES; i++) {
            Files.writeString(dir.resolve(String.format("entry-%04d", i)), "x");
        }
        Files.createDirectories(exportDir.resolve("scratch"));
    }

    Session session(RemoteFs fs) {
        return sessions.get(fs == unix ? 0 : fs == donating ? 1 : 2);
    }

    @Override
    public void close() throws IOException {
        sessions.forEach(Session::close);
        server.close();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
