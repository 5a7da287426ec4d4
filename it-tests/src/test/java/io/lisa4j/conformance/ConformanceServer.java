package io.lisa4j.conformance;

import io.lisa4j.conformance.run.ReadOnlyTree;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The daemon in this JVM with the three exports the suite uses: "scratch" (read-write, of backend
 * {@code kind}), "ro" (read-only, with a file, a directory and a symlink in it) and "second"
 * (another read-write export), on a Unix socket and loopback TCP.
 */
final class ConformanceServer implements AutoCloseable {
    static final String SCRATCH = "scratch";
    static final String RO = "ro";
    static final String SECOND = "second";

    final Path scratchDir;
    private final Path socket;
    private final LisaServer server;

    private ConformanceServer(Path scratchDir, Path socket, LisaServer server) {
        this.scratchDir = scratchDir;
        this.socket = socket;
        this.server = server;
    }

    static ConformanceServer start(Path temp, String kind) throws IOException {
        return start(temp, kind, false);
    }

    /**
     * With {@code delegating}, the scratch export delegates credentials (PROTOCOL.md §3.2) and its
     * directory is open to every uid, for a suite that runs as an ordinary caller.
     */
    static ConformanceServer start(Path temp, String kind, boolean delegating) throws IOException {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        Path ro = roTree(temp.resolve("ro"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path socket = temp.resolve("lisa4j.sock");
        // The suite's raw wire client speaks plaintext, so TCP is opened insecurely on purpose.
        SecurityConfig security = SecurityConfig.defaults().withInsecureTcp();
        if (delegating) {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
            security = security.withPolicy(SCRATCH, ExportPolicy.DEFAULT.withDelegation());
        }
        ServerConfig config = ServerConfig.of(
                List.of(new ListenAddress.Unix(socket), new ListenAddress.Tcp("127.0.0.1", 0)),
                List.of(new ExportSpec(SCRATCH, kind, scratch.toString(), false, Map.of()),
                        ExportSpec.host(RO, ro.toString(), true),
                        ExportSpec.host(SECOND, second.toString(), false)))
                .withSecurity(security);
        return new ConformanceServer(scratch, socket, LisaServer.start(config));
    }

    static ConformanceServer start(Path temp) throws IOException {
        return start(temp, "host");
    }

    /** What a read-only export holds for the suite to try to change. */
    static Path roTree(Path dir) throws IOException {
        return ReadOnlyTree.writeOnHost(dir);
    }

    String unix() {
        return "unix:" + socket;
    }

    String tcp() {
        return "tcp:127.0.0.1:" + server.tcpPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
