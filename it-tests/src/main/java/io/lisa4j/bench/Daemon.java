package io.lisa4j.bench;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as its own process, for the start-to-first-answer time and the server's own RSS.
 * Started by the {@code ./lisa4j} launcher named by {@code -Dlisa4j.launcher} (which
 * {@code ./lisa4j bench} sets), exactly as {@code ./lisa4j serve} starts it, AOT cache included;
 * without a launcher, with the launcher's JVM flags on the fat jar named by
 * {@code -Dlisa4j.daemon.jar}, else on this JVM's class path.
 */
final class Daemon implements AutoCloseable {
    /** The daemon's JVM flags in the ./lisa4j launcher. */
    static final List<String> LAUNCHER_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC");

    private final Process process;
    final URI endpoint;
    /** Nanoseconds from starting the process to the reply of its first PING. */
    final long readyNanos;

    private Daemon(Process process, URI endpoint, long readyNanos) {
        this.process = process;
        this.endpoint = endpoint;
        this.readyNanos = readyNanos;
    }

    /** The launcher {@code ./lisa4j bench} names, if any. */
    static Optional<Path> launcher() {
        return Optional.ofNullable(System.getProperty("lisa4j.launcher")).map(Path::of).filter(Files::isExecutable);
    }

    /**
     * Starts the daemon serving {@code exportDir} on {@code socket} and waits for its first answer;
     * {@code env} is added to the launcher's environment (LISA4J_AOT, LISA4J_AOT_DIR).
     */
    static Daemon start(Path exportDir, Path socket, Map<String, String> env) throws IOException {
        Files.deleteIfExists(socket);
        List<String> cmd = new ArrayList<>();
        Optional<Path> launcher = launcher();
        if (launcher.isPresent()) {
            cmd.add(launcher.get().toString());
        } else {
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(LAUNCHER_FLAGS);
            String jar = System.getProperty("lisa4j.daemon.jar");
            if (jar != null && Files.isRegularFile(Path.of(jar))) {
                cmd.addAll(List.of("-jar", jar));
            } else {
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lisa4j.server.cli.Main"));
            }
        }
        cmd.addAll(List.of("serve", "--export", Fixture.EXPORT + "=" + exportDir, "--listen", "unix:" + socket,
                "--max-handles", "20000"));
        URI endpoint = URI.create("unix:" + socket);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = builder.start();
        // Minutes, not seconds: a start through the launcher may first make the AOT cache.
        long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                try (Session s = Lisa4jClient.connect(endpoint)) {
                    s.ping();
                    return new Daemon(p, endpoint, System.nanoTime() - t0);
                } catch (IOException notYet) {
                    // listening soon
                }
            }
            if (!p.isAlive()) {
                throw new IOException("daemon exited with " + p.exitValue() + ": " + cmd);
            }
            Thread.onSpinWait();
        }
        p.destroyForcibly();
        throw new IOException("daemon not ready after 3 minutes");
    }

    /** Resident set size of the daemon process, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** SIGTERM, so the daemon drains and exits through its shutdown hooks. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
