package io.lisa4j.bench;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as its own process, launched as {@code ./lisa4j serve} launches it: the same JVM flags
 * and the fat jar named by {@code -Dlisa4j.daemon.jar} (which {@code ./lisa4j bench} sets), else
 * this JVM's class path. For the start-to-first-answer time and the server's own RSS.
 */
final class Daemon implements AutoCloseable {
    /** The flags of the ./lisa4j launcher. */
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

    static Daemon start(Path exportDir, Path socket, List<String> extraJvmFlags) throws IOException {
        Files.deleteIfExists(socket);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(LAUNCHER_FLAGS);
        cmd.addAll(extraJvmFlags);
        String jar = System.getProperty("lisa4j.daemon.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            cmd.addAll(List.of("-jar", jar));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lisa4j.server.cli.Main"));
        }
        cmd.addAll(List.of("serve", "--export", Fixture.EXPORT + "=" + exportDir, "--listen", "unix:" + socket,
                "--max-handles", "20000"));
        URI endpoint = URI.create("unix:" + socket);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
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
        throw new IOException("daemon not ready after 30 s");
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

    /** SIGTERM, so the JVM exits through its shutdown hooks (and writes an AOT cache it is training). */
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
