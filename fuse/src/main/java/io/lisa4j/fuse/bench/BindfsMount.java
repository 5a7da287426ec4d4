package io.lisa4j.fuse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's bindfs, a C FUSE passthrough, over a local directory: the cost of FUSE alone. */
final class BindfsMount implements AutoCloseable {
    private final Path mountpoint;

    private BindfsMount(Path mountpoint) {
        this.mountpoint = mountpoint;
    }

    /** Mounted with the kernel's caches as timeout allows (seconds), like a lisa4j mount. */
    static BindfsMount mount(Path source, Path mountpoint, double timeout) throws IOException {
        String t = String.valueOf(timeout);
        run("bindfs", "--no-allow-other", "-o", "attr_timeout=" + t + ",entry_timeout=" + t + ",negative_timeout=" + t,
                source.toString(), mountpoint.toString());
        return new BindfsMount(mountpoint);
    }

    @Override
    public void close() throws IOException {
        run("umount", mountpoint.toString());
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
