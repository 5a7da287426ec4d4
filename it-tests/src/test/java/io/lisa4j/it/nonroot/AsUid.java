package io.lisa4j.it.nonroot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.server.security.ProcessIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs programs as an ordinary uid from a test that runs as root, the way a sidecar and its
 * sandbox run: through setpriv, with no supplementary groups, on directories that uid owns.
 */
final class AsUid {
    static final Path TOP = Path.of(System.getProperty("lisa4j.top", "..")).toAbsolutePath().normalize();
    /** The uid the container image runs the daemon as, and so the sidecar's. */
    static final int SIDECAR = 10001;
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private AsUid() {}

    /** Skips the test where it cannot switch users: not root, or no setpriv (util-linux). */
    static void assumeAvailable() {
        assumeTrue(ProcessIds.uid() == 0, "switching to an ordinary uid needs root");
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "setpriv"))),
                "setpriv (util-linux) is not installed");
    }

    /** {@code command} run as {@code uid} (its gid the same), without supplementary groups. */
    static List<String> command(int uid, List<String> command) {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        all.addAll(command);
        return all;
    }

    /** A new directory {@code parent/name} owned by {@code uid} with {@code mode}, like a user's own. */
    static Path ownedDir(Path parent, String name, int uid, String mode) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        chown(dir, uid);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    /** Gives {@code path} and everything under it to {@code uid}. */
    static void chownTree(Path path, int uid) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.toList()) {
                chown(p, uid);
            }
        }
    }

    private static void chown(Path p, int uid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    static int owner(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * This JVM's classpath as any user can read it: entries under a directory other users cannot
     * enter (the local Maven repository under /root) are copied into {@code into}.
     */
    static String readableClasspath(Path into) throws IOException {
        Files.createDirectories(into);
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!Files.exists(p) || readableByAll(p)) {
                entries.add(entry);
            } else if (Files.isRegularFile(p)) {
                Path copy = into.resolve(n++ + "-" + p.getFileName());
                Files.copy(p, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                throw new IllegalStateException("a classpath directory others cannot read: " + p);
            }
        }
        return String.join(":", entries);
    }

    private static boolean readableByAll(Path p) throws IOException {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ)) {
            return false;
        }
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** The daemon's jar, which the server module's package phase built. */
    static Path serverJar() throws IOException {
        Path target = TOP.resolve("server/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "lisa4j-server-*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new UncheckedIOException(new IOException("no lisa4j-server-*-all.jar in " + target));
    }
}
