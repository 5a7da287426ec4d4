package io.lisa4j.it.nio;

import io.lisa4j.it.InProcessServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIO suite on a lisa4j file system over one transport: one server per class, and a fresh
 * directory of the export per case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Lisa4jNioSuite extends NioBehaviourSuite {
    private final AtomicInteger cases = new AtomicInteger();
    private Lisa4jNio nio;

    abstract InProcessServer.Transport transport();

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        nio = Lisa4jNio.start(temp, transport());
    }

    @AfterAll
    void stop() throws IOException {
        nio.close();
    }

    @Override
    protected Path newRoot() throws IOException {
        return Files.createDirectory(nio.fs.getPath("/case-" + cases.incrementAndGet()));
    }

    @Override
    protected boolean isLisa4j() {
        return true;
    }
}
