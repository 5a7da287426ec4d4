package io.lisa4j.it.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's mount flow as an ordinary user: the daemon and {@code lisa4j mount} (the jar
 * {@code ./lisa4j mount} runs) both as one ordinary uid, the mount point that user's own directory, and
 * that user's programs reading and writing through the kernel. The daemon is then restarted and
 * the same mount keeps serving, as a sidecar's rolling update needs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NonRootMountTest {
    /** An ordinary user with a passwd entry, as fusermount3 wants one: nobody. */
    private static final int USER = 65534;

    @TempDir
    Path dir;

    @Test
    void anOrdinaryUserMountsWritesAndKeepsTheMountAcrossADaemonRestart() throws Exception {
        AsUid.assumeAvailable();
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && onPath("fusermount3"), "needs /dev/fuse and fusermount3 (fuse3)");
        // udev makes /dev/fuse 0666 on a host; a container may leave it 0600, and then only root can mount
        // (lisa4j mount says so in one line). .ci/run gives it the host's mode.
        assumeTrue(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/dev/fuse"))).equals("rw-rw-rw-"),
                "needs /dev/fuse open to ordinary users (mode 0666, as udev sets it)");
        Path fuseJar = fuseJar();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = AsUid.ownedDir(dir, "user", USER, "rwx------");
        Path export = Files.createDirectories(home.resolve("export"));
        Files.writeString(export.resolve("hello.txt"), "Hello from lisa4j!\n");
        AsUid.chownTree(export, USER);
        Path mnt = AsUid.ownedDir(home, "mnt", USER, "rwx------");
        Path socket = home.resolve("run/lisa4j.sock");
        String[] serve = {"serve", "--export", "data=" + export, "--listen", "unix:" + socket};

        Daemon daemon = Daemon.runAs(USER, dir, Daemon.jar(serve), Map.of());
        Daemon mount = null;
        try {
            daemon.awaitLog("event=ready");
            mount = Daemon.runAs(USER, dir, List.of(AsUid.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar",
                    fuseJar.toString(), "unix:" + socket, "data", mnt.toString()), Map.of());
            mount.awaitLog("mounted on");

            String first = asSidecar("cat " + mnt.resolve("hello.txt") + " && echo written > " + mnt.resolve("new.txt")
                    + " && stat -c %u " + mnt.resolve("new.txt"));
            assertEquals("Hello from lisa4j!\n" + USER + "\n", first);
            assertEquals("written\n", Files.readString(export.resolve("new.txt")));
            assertEquals(USER, AsUid.owner(export.resolve("new.txt")));

            daemon.close();
            daemon = Daemon.runAs(USER, dir, Daemon.jar(serve), Map.of());
            daemon.awaitLog("event=ready");
            String after = asSidecar("cat " + mnt.resolve("new.txt") + " && echo again >> " + mnt.resolve("new.txt"));
            assertEquals("written\n", after);
            assertEquals("written\nagain\n", Files.readString(export.resolve("new.txt")));
            mount.awaitLog("reconnected to unix:" + socket);
        } finally {
            if (mount != null) {
                mount.close();
            }
            new ProcessBuilder("fusermount3", "-uz", mnt.toString()).redirectErrorStream(true).start().waitFor();
            daemon.close();
        }
    }

    /** Runs {@code script} with sh as the sidecar's uid; returns its output, failing on a non-zero exit. */
    private static String asSidecar(String script) throws Exception {
        Process p = new ProcessBuilder(AsUid.command(USER, List.of("sh", "-c", script))).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sh to finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** The mount's jar, which the fuse module (built before this one in the reactor) packaged. */
    private static Path fuseJar() throws IOException {
        Path target = AsUid.TOP.resolve("fuse/target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "lisa4j-fuse-*-all.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        // it-tests depends on the fuse module, so the reactor has packaged it by now.
        throw new IOException("no lisa4j-fuse-*-all.jar in " + target);
    }
}
