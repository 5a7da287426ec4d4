package io.lisa4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon's demo, as {@code ./lisa4j} starts it without arguments: export "demo" holding
 * hello.txt, on the socket lisa4j-demo/lisa4j.sock, here under a temporary directory instead of /tmp.
 */
final class DemoDaemon implements AutoCloseable {
    final Path home;
    private final Process process;

    private DemoDaemon(Path home, Process process) {
        this.home = home;
        this.process = process;
    }

    static DemoDaemon start(Path tmp) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED",
                "-jar", jar("lisa4j.serverJar").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("demo.log").toFile());
        // Without XDG_RUNTIME_DIR the demo lives in java.io.tmpdir, as it does in /tmp for ./lisa4j.
        pb.environment().remove("XDG_RUNTIME_DIR");
        DemoDaemon demo = new DemoDaemon(tmp.resolve("lisa4j-demo"), pb.start());
        demo.awaitSocket();
        return demo;
    }

    Path socket() {
        return home.resolve("lisa4j.sock");
    }

    Path export() {
        return home.resolve("export");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A jar the build names in system property {@code property}. */
    static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "unset"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(property + "=" + jar + " does not exist: build with ./mvnw verify "
                    + "(or -pl examples -am verify)");
        }
        return jar;
    }

    /** Polls for the socket; a hang guard, not a timing assertion. */
    private void awaitSocket() throws InterruptedException, IOException {
        for (int i = 0; i < 600 && !Files.exists(socket()); i++) {
            if (!process.isAlive()) {
                throw new IOException("the demo daemon exited: " + Files.readString(home.resolveSibling("demo.log")));
            }
            Thread.sleep(50);
        }
        if (!Files.exists(socket())) {
            throw new IOException("the demo daemon did not listen on " + socket());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
