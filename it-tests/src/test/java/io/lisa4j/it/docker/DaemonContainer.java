package io.lisa4j.it.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The daemon image run as an operator would: a host directory bind-mounted as the export, another
 * as the socket volume that a sandbox would share, the metrics port published. Both host folders
 * are opened to the image's non-root user.
 */
public final class DaemonContainer implements AutoCloseable {
    static final int METRICS_PORT = 9464;
    static final int TCP_PORT = 7000;

    public final Path export;
    public final Path socketDir;
    public final GenericContainer<?> container;

    private DaemonContainer(Path export, Path socketDir, GenericContainer<?> container) {
        this.export = export;
        this.socketDir = socketDir;
        this.container = container;
    }

    /** Starts the image; {@code flags} are appended to the daemon's command line. */
    public static DaemonContainer start(Path dir, String... flags) throws IOException, InterruptedException {
        Path export = openToAll(Files.createDirectories(dir.resolve("export")));
        Path socketDir = openToAll(Files.createDirectories(dir.resolve("run")));
        GenericContainer<?> container = new GenericContainer<>(DaemonImage.get())
                // Binds set on the create command directly: withFileSystemBind first probes file
                // mounting with a helper image, which no registry here can provide.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(
                        new Bind(export.toString(), new Volume("/export")),
                        new Bind(socketDir.toString(), new Volume("/run/lisa4j"))))
                .withExposedPorts(METRICS_PORT, TCP_PORT)
                .withCommand(flags)
                .waitingFor(Wait.forHttp("/health").forPort(METRICS_PORT).withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        return new DaemonContainer(export, socketDir, container);
    }

    public Path socket() {
        return socketDir.resolve("lisa4j.sock");
    }

    public String unixEndpoint() {
        return "unix:" + socket();
    }

    String tcpEndpoint() {
        return "tcp:" + container.getHost() + ":" + container.getMappedPort(TCP_PORT);
    }

    String httpBase() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(METRICS_PORT);
    }

    private static Path openToAll(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    @Override
    public void close() {
        container.stop();
    }
}
