package io.lisa4j.server.transport;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The file behind a Unix listener. It never exists at its path with a mode wider than configured:
 * the socket is bound inside a private directory (0700, made for the purpose next to the final
 * path), given its mode there, then renamed into place; the process umask (0 while the daemon
 * serves, since clients' creation modes apply as given) plays no part. Missing parent directories
 * are created 0700, plus search permission for the classes the socket mode admits. A stale socket
 * (nobody listening) is reclaimed; a live one, or a file that is not a socket, is left alone.
 */
public final class UnixSocketFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BOUND_NAME = "s";
    /** sun_path's 108 bytes less the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    /** What the private directory and the bound name add to the parent's path: "/.l4j-XXXXXX/s". */
    private static final int PRIVATE_SUFFIX = "/.l4j-XXXXXX/".length() + BOUND_NAME.length();

    private final Path path;
    private final Path privateDir;
    private final int mode;

    private UnixSocketFile(Path path, Path privateDir, int mode) {
        this.path = path;
        this.privateDir = privateDir;
        this.mode = mode;
    }

    /**
     * Makes {@code path} ready to take a socket of {@code mode}: its directories exist, a stale
     * socket there is gone, and a private directory beside it is ready for the bind.
     */
    public static UnixSocketFile prepare(Path path, int mode) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        int room = MAX_SOCKET_PATH - PRIVATE_SUFFIX;
        if (bytes(parent).length > room) {
            throw new IOException("the directory of socket " + absolute + " has a path of " + bytes(parent).length
                    + " bytes; the socket is bound in a private directory within it, which allows at most " + room);
        }
        createDirectories(parent, directoryMode(mode));
        reclaimStale(absolute);
        return new UnixSocketFile(absolute, makePrivateDir(parent), mode);
    }

    /** Where to bind: inside the private directory, which only this user can enter. */
    public Path bindPath() {
        return privateDir.resolve(BOUND_NAME);
    }

    /** Gives the bound socket its mode, then moves it to its path, which it does not replace. */
    public void publish() throws IOException {
        byte[] bound = bytes(bindPath());
        byte[] target = bytes(path);
        try {
            Sys.fchmodat(Sys.AT_FDCWD, bound, mode, 0);
            moveWithoutReplacing(bound, target);
        } catch (ErrnoException e) {
            throw new IOException(e.is(Errno.EEXIST) ? "another process created " + path + " meanwhile"
                    : "cannot place the socket at " + path + ": " + Reason.of(e), e);
        } finally {
            abandon();
        }
    }

    /** Removes what {@link #prepare} made and is still there (the private directory, a socket in it). */
    public void abandon() {
        quietly(() -> Sys.unlinkat(Sys.AT_FDCWD, bytes(bindPath()), 0));
        quietly(() -> Sys.unlinkat(Sys.AT_FDCWD, bytes(privateDir), ProtocolConstants.AT_REMOVEDIR));
    }

    /** Removes the socket at shutdown; a leftover file is recognised as stale at the next start. */
    public static void remove(Path path) {
        quietly(() -> Sys.unlinkat(Sys.AT_FDCWD, bytes(path.toAbsolutePath()), 0));
    }

    /** Owner rwx; search permission for group and others when the socket mode lets them connect. */
    static int directoryMode(int socketMode) {
        return 0700 | ((socketMode & 0070) != 0 ? 0010 : 0) | ((socketMode & 0007) != 0 ? 0001 : 0);
    }

    private static void createDirectories(Path dir, int mode) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Sys.mkdirat(Sys.AT_FDCWD, bytes(p), mode);
                // mkdir's mode passes through the umask; the directory gets exactly the one meant.
                Sys.fchmodat(Sys.AT_FDCWD, bytes(p), mode, 0);
                Log.info("socket_dir_created", "path", p, "mode", String.format("%04o", mode));
            } catch (ErrnoException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw new IOException("cannot create directory " + p + ": " + Reason.of(e), e);
                }
            }
        }
    }

    /**
     * Removes a leftover socket nobody listens on (a crashed server's); a socket some process still
     * answers on, or a file that is not a socket, is an error.
     */
    private static void reclaimStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException(path + " exists and is not a socket");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            live = true;
        } catch (ConnectException stale) {
            live = false;
        } catch (IOException e) {
            throw new IOException("cannot probe the existing socket " + path + ": " + Reason.of(e), e);
        }
        if (live) {
            throw new IOException("another server is listening on " + path);
        }
        try {
            Sys.unlinkat(Sys.AT_FDCWD, bytes(path), 0);
        } catch (ErrnoException e) {
            throw new IOException("cannot remove the stale socket " + path + ": " + Reason.of(e), e);
        }
        Log.info("stale_socket_removed", "path", path);
    }

    /** A fresh 0700 directory in {@code parent}, its name short so the bind path stays within sun_path. */
    private static Path makePrivateDir(Path parent) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] suffix = new byte[3];
            RANDOM.nextBytes(suffix);
            Path dir = parent.resolve(".l4j-" + HexFormat.of().formatHex(suffix));
            try {
                Sys.mkdirat(Sys.AT_FDCWD, bytes(dir), 0700);
                Sys.fchmodat(Sys.AT_FDCWD, bytes(dir), 0700, 0);
                return dir;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EEXIST) || attempt == 16) {
                    throw new IOException("cannot create a directory in " + parent + ": " + Reason.of(e), e);
                }
            }
        }
    }

    /** rename(2) with RENAME_NOREPLACE; where the file system lacks it, link(2) then unlink, as atomic. */
    private static void moveWithoutReplacing(byte[] from, byte[] to) throws ErrnoException {
        try {
            Sys.renameat2(Sys.AT_FDCWD, from, Sys.AT_FDCWD, to, ProtocolConstants.RENAME_NOREPLACE);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOSYS)) {
                throw e;
            }
            Sys.linkat(Sys.AT_FDCWD, from, Sys.AT_FDCWD, to, 0);
            Sys.unlinkat(Sys.AT_FDCWD, from, 0);
        }
    }

    private static byte[] bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface SysCall {
        void run() throws ErrnoException;
    }

    private static void quietly(SysCall call) {
        try {
            call.run();
        } catch (ErrnoException ignored) {
            // Already gone, or beyond repair at this point: a leftover is found stale later.
        }
    }
}
