package io.lisa4j.fuse;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
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
        return unavailable().map(Throwable::getMessage);
    }

    /** Why FUSE cannot work here, naming what is missing and its errno; empty when it can. */
    public static Optional<ErrnoException> unavailable() {
        if (!System.getProperty("os.name", "").equals("Linux") || !System.getProperty("os.arch", "").equals("amd64")) {
            return Optional.of(new ErrnoException(Errno.EOPNOTSUPP, "FUSE mounts need Linux on amd64"));
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return Optional.of(new ErrnoException(Errno.ENODEV, "/dev/fuse (the fuse kernel module)"));
        }
        if (!Files.isReadable(Path.of("/dev/fuse")) || !Files.isWritable(Path.of("/dev/fuse"))) {
            // fusermount3 opens it as the calling user; udev normally makes it 0666, some containers leave it 0600.
            return Optional.of(new ErrnoException(Errno.EACCES,
                    "/dev/fuse is not open to this user (as root: chmod 0666 /dev/fuse, the mode udev gives it)"));
        }
        if (libfuse().isEmpty()) {
            return Optional.of(new ErrnoException(Errno.ENOENT, "libfuse3.so.3 (apt-get install fuse3)"));
        }
        if (fusermount().isEmpty()) {
            // libfuse runs it to unmount when this process dies (auto_unmount), and to mount as non-root.
            return Optional.of(new ErrnoException(Errno.ENOENT, "fusermount3 on PATH (apt-get install fuse3)"));
        }
        return Optional.empty();
    }

    private static Optional<Path> fusermount() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return java.util.Arrays.stream(path.split(":")).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "fusermount3")).filter(Files::isExecutable).findFirst();
    }
}
