package io.lisa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The daemon started as its own process from the built server jar, as an operator starts it. */
final class DaemonProcess implements AutoCloseable {
    private final Process process;

    private DaemonProcess(Process process) {
        this.process = process;
    }

    /** Runs {@code lisa4j-server.jar ARGS}, its output going to {@code log}. */
    static DaemonProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                serverJar().toString()));
        command.addAll(List.of(args));
        return new DaemonProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    /** {@code lisa4j-server.jar ARGS} to its end, for a one-shot command such as certs. */
    static void runToEnd(Path log, String... args) throws Exception {
        try (DaemonProcess p = start(log, args)) {
            assertTrue(p.process.waitFor() == 0, "lisa4j " + String.join(" ", args) + ": see " + log);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Polls for the socket file; a hang guard, not a timing assertion. */
    void awaitSocket(Path socket) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(socket); i++) {
            assertTrue(process.isAlive(), "the daemon exited before listening");
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "the daemon to listen on " + socket);
    }

    /** Polls until the TCP port accepts; a hang guard, not a timing assertion. */
    void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            assertTrue(process.isAlive(), "the daemon exited before listening");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the daemon to listen on port " + port);
    }

    static Path serverJar() throws IOException {
        Path target = Path.of("..", "server", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "lisa4j-server-*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no lisa4j-server-*-all.jar in " + target + ": build the server module first");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
