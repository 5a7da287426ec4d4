package io.lisa4j.it.reconnect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as a process of its own, from the built server jar, serving one export "data" on a
 * Unix socket; {@link #restart()} stops it and starts a new one with the same arguments, on the same
 * socket path and export directory, as a rolling update of a sidecar does.
 */
final class DaemonProcess implements AutoCloseable {
    static final String EXPORT = "data";

    private final List<String> command;
    private final Path socket;
    private final Path logs;
    private Process process;
    private int starts;

    private DaemonProcess(List<String> command, Path socket, Path logs) {
        this.command = command;
        this.socket = socket;
        this.logs = logs;
    }

    /**
     * Starts the daemon exporting {@code export} on {@code socket}; {@code uid} >= 0 runs it as that
     * ordinary uid (setpriv), allowed to mount its own export; {@code extra} are further serve options.
     */
    static DaemonProcess start(Path export, Path socket, Path logs, int uid, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (uid >= 0) {
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", serverJar().toString(), "serve",
                "--export", EXPORT + "=" + export, "--listen", "unix:" + socket));
        if (uid >= 0) {
            cmd.addAll(List.of("--allow", EXPORT + "=uid:" + uid));
        }
        cmd.addAll(List.of(extra));
        DaemonProcess d = new DaemonProcess(List.copyOf(cmd), socket, logs);
        d.launch();
        return d;
    }

    static Path serverJar() {
        Path jar = Path.of(System.getProperty("lisa4j.serverJar", "missing"));
        assertTrue(Files.isRegularFile(jar), "the server jar " + jar + " (built by the server module)");
        return jar;
    }

    String endpoint() {
        return "unix:" + socket;
    }

    long pid() {
        return process.pid();
    }

    /** Starts a new daemon process and returns once it logged that it is ready. */
    private void launch() throws IOException {
        starts++;
        Path log = logs.resolve("daemon-" + starts + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(log);
    }

    /** Polls the log for event=ready; a hang guard, not a timing assertion. */
    private void awaitReady(Path log) throws IOException {
        for (int i = 0; i < 6000; i++) {
            if (Files.readString(log).contains("event=ready")) {
                return;
            }
            assertTrue(process.isAlive(), () -> "the daemon exited before it was ready:\n" + read(log));
            pause(5);
        }
        throw new AssertionError("the daemon was not ready in time:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGTERM, then waits for the process to end. */
    void stop() {
        process.destroy();
        waitFor();
    }

    /** SIGKILL: the daemon dies without closing anything itself. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGSTOP: the daemon stays connected but reads nothing more. */
    void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Starts a new daemon on the same socket and export once the old one is gone. */
    void startAgain() throws IOException {
        launch();
    }

    void restart() throws IOException {
        stop();
        startAgain();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
