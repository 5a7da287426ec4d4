package io.lisa4j.server.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** The file behind a Unix listener: stale ones are removed, live ones left alone, ours made 0600. */
public final class UnixSocketFile {
    private UnixSocketFile() {}

    /**
     * Makes {@code path} free to bind. A leftover socket nobody listens on (a crashed server's) is
     * removed; a socket some process still answers on, or a file that is not a socket, is an error.
     */
    public static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException(path + " exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException("another server is listening on " + path);
        } catch (ConnectException stale) {
            Files.deleteIfExists(path);
        }
    }

    /**
     * Restricts the socket to its owner. Between bind and this call the file has the umask's mode,
     * which without group or other write permission already refuses their connects.
     */
    public static void restrict(Path path) throws IOException {
        restrict(path, 0600);
    }

    /** Gives the socket file {@code mode} (permission bits; connecting needs write permission). */
    public static void restrict(Path path, int mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Modes.toRwx(mode)));
    }

    public static void remove(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Shutting down: a leftover file is recognised as stale at the next start.
        }
    }
}
