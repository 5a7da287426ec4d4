package io.lisa4j.fuse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Whether this machine can mount with FUSE at all, and where its libfuse3 is. */
public final class FuseSupport {
    private static final List<Path> LIBFUSE = List.of(
            Path.of("/lib/x86_64-linux-gnu/libfuse3.so.3"),
            Path.of("/usr/lib/x86_64-linux-gnu/libfuse3.so.3"),
            Path.of("/usr/lib64/libfuse3.so.3"),
            Path.of("/usr/lib/libfuse3.so.3"),
            Path.of("/usr/local/lib/libfuse3.so.3"));

    private FuseSupport() {}

    /** libfuse3's shared object (Debian ships no unversioned libfuse3.so without -dev). */
    public static Optional<Path> libfuse() {
        return LIBFUSE.stream().filter(Files::isReadable).findFirst();
    }

    /** Why FUSE cannot work here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!System.getProperty("os.name", "").equals("Linux") || !System.getProperty("os.arch", "").equals("amd64")) {
            return Optional.of("FUSE mounts need Linux on amd64");
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return Optional.of("no /dev/fuse on this machine");
        }
        if (libfuse().isEmpty()) {
            return Optional.of("libfuse3 is not installed (apt-get install fuse3)");
        }
        return Optional.empty();
    }
}
