package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp directory served by an in-process server and mounted through the kernel's FUSE. close()
 * unmounts even when the test failed half way, falling back to a lazy unmount so that no test
 * leaves a mount behind.
 */
final class MountedExport implements AutoCloseable {
    final Path exported;
    final Path mountpoint;
    final TestServer server;
    final LisaMount mount;

    private MountedExport(Path exported, Path mountpoint, TestServer server, LisaMount mount) {
        this.exported = exported;
        this.mountpoint = mountpoint;
        this.server = server;
        this.mount = mount;
    }

    /** Skips the calling test, naming why, where FUSE cannot work. */
    static void assumeFuse() {
        String reason = FuseSupport.unavailableReason().orElse(null);
        assumeTrue(reason == null, () -> "FUSE unavailable: " + reason);
    }

    static MountedExport start(Path tempDir) throws IOException {
        return start(tempDir, MountOptions.DEFAULTS);
    }

    static MountedExport start(Path tempDir, MountOptions options) throws IOException {
        assumeFuse();
        Path exported = Files.createDirectories(tempDir.resolve("export"));
        Path mountpoint = Files.createDirectories(tempDir.resolve("mnt"));
        TestServer server = TestServer.start(exported, tempDir.resolve("lisa4j.sock"));
        try {
            LisaMount mount = LisaMount.mount(server.endpoint(), TestServer.EXPORT, mountpoint, options);
            return new MountedExport(exported, mountpoint, server, mount);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            mount.close();
        } catch (IOException | RuntimeException e) {
            Shell.run(mountpoint.getParent(), "fusermount3", "-uz", mountpoint.toString());
            throw e;
        } finally {
            server.close();
        }
    }
}
