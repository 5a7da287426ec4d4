package io.lisa4j.server;

import io.lisa4j.server.spi.BackendProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;

/** Sets up real host directories for end-to-end tests against the host backend. */
final class HostExports {
    private HostExports() {}

    /** Skips the calling test while no "host" backend is on the class path. */
    static void assumeHostBackend() {
        boolean present = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.get().kind().equals("host"));
        Assumptions.assumeTrue(present, "no host backend on the class path");
    }

    /** A small tree: file.txt, sub/inner.txt, link -> file.txt. */
    static Path populate(Path root) throws Exception {
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("file.txt"), "hello, lisa4j\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("sub/inner.txt"), "inner", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("link"), Path.of("file.txt"));
        return root;
    }
}
