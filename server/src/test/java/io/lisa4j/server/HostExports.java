package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.spi.BackendProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Sets up real host directories for end-to-end tests against the host backend. */
final class HostExports {
    private HostExports() {}

    /** Fails the calling test when the "host" backend cannot be found through ServiceLoader. */
    static void requireHostBackend() {
        boolean present = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.get().kind().equals("host"));
        assertTrue(present, "the host backend is registered as a BackendProvider");
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
