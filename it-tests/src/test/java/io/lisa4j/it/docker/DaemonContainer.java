package io.lisa4j.it.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The daemon image run as a hardened operator would: a read-only root file system with a noexec
 * tmpfs at /tmp ({@code docker run --read-only --tmpfs /tmp}), a host directory bind-mounted as the
 * export, another as the socket volume that a sandbox would share, the metrics port published.
 * Both host folders are opened to the image's non-root user.
 */
public final class DaemonContainer implements AutoCloseable {
    static final int METRICS_PORT = 9464;
    static final int TCP_PORT = 7000;
    /** Where {@link #startWithPki} mounts the TLS material. */
    static final String PKI = "/etc/lisa4j/pki";
    static final int IMAGE_UID = 10001;
    /** Docker's own defaults for {@code --tmpfs /tmp}, spelled out: nothing there can be executed. */
    static final Map<String, String> NOEXEC_TMP = Map.of("/tmp", "rw,noexec,nosuid,nodev,size=16m");

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
        return start(dir, List.of(), flags);
    }

    /**
     * Starts the image with the TLS material in {@code pki} (as {@code lisa4j certs} writes it)
     * mounted read-only at {@link #PKI}, where {@code --tls-dir} finds it; its files are handed to
     * the image's user.
     */
    public static DaemonContainer startWithPki(Path dir, Path pki, String... flags)
            throws IOException, InterruptedException {
        try (var files = Files.list(pki)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setAttribute(file, "unix:uid", IMAGE_UID);
            }
        }
        Files.setAttribute(pki, "unix:uid", IMAGE_UID);
        return start(dir, List.of(new Bind(pki.toString(), new Volume(PKI), AccessMode.ro)), flags);
    }

    private static DaemonContainer start(Path dir, List<Bind> extra, String... flags)
            throws IOException, InterruptedException {
        Path export = openToAll(Files.createDirectories(dir.resolve("export")));
        Path socketDir = openToAll(Files.createDirectories(dir.resolve("run")));
        List<Bind> binds = new ArrayList<>(List.of(new Bind(export.toString(), new Volume("/export")),
                new Bind(socketDir.toString(), new Volume("/run/lisa4j"))));
        binds.addAll(extra);
        GenericContainer<?> container = new GenericContainer<>(DaemonImage.get())
                // Binds set on the create command directly: withFileSystemBind first probes file
                // mounting with a helper image, which no registry here can provide.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(binds)
                        .withReadonlyRootfs(true).withTmpFs(NOEXEC_TMP))
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
