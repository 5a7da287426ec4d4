package io.lisa4j.it.nonroot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The daemon (its jar, or the demo through ./lisa4j) as the sidecar's uid, stopped with SIGTERM. */
final class Daemon implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Daemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Daemon start(Path dir, String... args) throws IOException {
        return run(dir, jar(args), Map.of());
    }

    /** The command line running the daemon's jar with {@code args}. */
    static List<String> jar(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(AsUid.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar",
                AsUid.serverJar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    static Daemon launcher(Path dir, Map<String, String> env) throws IOException {
        return run(dir, List.of(AsUid.TOP.resolve("lisa4j").toString()), env);
    }

    static Daemon run(Path dir, List<String> command, Map<String, String> env) throws IOException {
        return runAs(AsUid.SIDECAR, dir, command, env);
    }

    /** {@code command} as {@code uid}, its output in a log file under {@code dir}. */
    static Daemon runAs(int uid, Path dir, List<String> command, Map<String, String> env) throws IOException {
        Path log = dir.resolve("daemon-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(AsUid.command(uid, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("XDG_RUNTIME_DIR");
        builder.environment().putAll(env);
        return new Daemon(builder.start(), log);
    }

    /** Polls for the socket file; a hang guard, not a timing assertion. */
    void awaitSocket(Path socket) throws Exception {
        for (int i = 0; i < 1200 && !Files.exists(socket, LinkOption.NOFOLLOW_LINKS); i++) {
            assertTrue(process.isAlive(), () -> "the daemon exited before listening:\n" + log());
            Thread.sleep(100);
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), () -> "no socket " + socket + ":\n" + log());
    }

    void awaitLog(String text) throws Exception {
        for (int i = 0; i < 1200 && !log().contains(text); i++) {
            assertTrue(process.isAlive(), () -> "the daemon exited:\n" + log());
            Thread.sleep(100);
        }
        assertTrue(log().contains(text), this::log);
    }

    int exitStatus() throws InterruptedException {
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the daemon to exit");
        return process.exitValue();
    }

    String lastLine() {
        List<String> lines = log().lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
