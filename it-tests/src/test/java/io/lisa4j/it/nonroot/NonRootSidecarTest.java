package io.lisa4j.it.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.host.sys.Sys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a sidecar normally runs it: as an ordinary uid (10001, the image's), serving a
 * directory that uid owns, on a socket in a directory it creates; the SDK connects as that same
 * uid, as the README's flows do, and as another uid. Also the demo ({@code ./lisa4j}) run by an
 * ordinary user after root ran it. Started through setpriv from this root test; the kernel decides
 * who reaches the socket, stat(2) reports the modes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NonRootSidecarTest {
    private static final int SIDECAR = AsUid.SIDECAR;
    private static final int OTHER = 10002;

    @TempDir
    Path dir;

    private String classpath;

    @BeforeEach
    void prepare() throws IOException {
        AsUid.assumeAvailable();
        // Temp directories are 0700 root: let both uids reach what lies below, as /srv or /run would.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        classpath = AsUid.readableClasspath(dir.resolve("classpath"));
    }

    @Test
    void theDaemonsOwnUidMountsAndNobodyElseReachesTheSocket() throws Exception {
        Path home = AsUid.ownedDir(dir, "sidecar", SIDECAR, "rwx------");
        Path export = export(home);
        Path socket = home.resolve("run/lisa4j/lisa4j.sock");
        try (Daemon daemon = Daemon.start(dir, "serve", "--export", "data=" + export, "--listen", "unix:" + socket)) {
            daemon.awaitSocket(socket);
            for (Path created : List.of(home.resolve("run"), home.resolve("run/lisa4j"))) {
                assertEquals("rwx------", AsUid.mode(created), created.toString());
                assertEquals(SIDECAR, AsUid.owner(created), created.toString());
            }
            assertEquals("rw-------", AsUid.mode(socket));
            assertEquals(SIDECAR, AsUid.owner(socket));

            Probe same = probe(SIDECAR, socket, "data", "hello.txt");
            assertEquals(0, same.status(), same.output());
            assertEquals("mounted\nHello from lisa4j!\n", same.output());

            Probe other = probe(OTHER, socket, "data");
            assertNotEquals(0, other.status(), other.output());
            assertTrue(other.output().contains("Permission denied") || other.output().contains("EACCES"),
                    other.output());
        }
    }

    @Test
    void aCrashedDaemonsSocketIsReclaimedAndALiveOneIsNot() throws Exception {
        Path home = AsUid.ownedDir(dir, "sidecar", SIDECAR, "rwx------");
        Path export = export(home);
        Path socket = home.resolve("run/lisa4j.sock");
        String[] serve = {"serve", "--export", "data=" + export, "--listen", "unix:" + socket};
        Daemon crashed = Daemon.start(dir, serve);
        crashed.awaitSocket(socket);
        crashed.kill();
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "SIGKILL leaves the socket file behind");
        try (Daemon restarted = Daemon.start(dir, serve)) {
            restarted.awaitLog("event=ready");
            assertTrue(restarted.log().contains("event=stale_socket_removed path=" + socket), restarted.log());
            assertEquals("rw-------", AsUid.mode(socket));
            assertEquals(0, probe(SIDECAR, socket, "data").status());

            try (Daemon second = Daemon.start(dir, serve)) {
                assertEquals(1, second.exitStatus(), second.log());
                assertEquals("lisa4j: another server is listening on " + socket, second.lastLine());
            }
            assertEquals(0, probe(SIDECAR, socket, "data").status(), "the live daemon's socket is untouched");
        }
    }

    @Test
    void withoutItsNativeTransportTheDaemonSaysWhatToDoInOneLine() throws Exception {
        Path home = AsUid.ownedDir(dir, "sidecar", SIDECAR, "rwx------");
        Path export = export(home);
        // Where Netty cannot extract its native library (a noexec /tmp is the usual cause).
        List<String> serve = Daemon.jar("serve", "--export", "data=" + export, "--listen",
                "unix:" + home.resolve("s.sock"));
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Dio.netty.native.workdir=/proc/none");
        try (Daemon daemon = Daemon.run(dir, serve, env)) {
            assertEquals(1, daemon.exitStatus(), daemon.log());
            assertTrue(daemon.lastLine().startsWith("lisa4j: cannot load Netty's native epoll transport: "),
                    daemon.log());
            assertTrue(daemon.lastLine().contains("set -Dio.netty.native.workdir"), daemon.log());
            assertFalse(daemon.log().contains("\tat "), daemon.log());
        }
    }

    @Test
    void anExportTheDaemonsUidCannotReadStopsTheStartNamingIt() throws Exception {
        Path home = AsUid.ownedDir(dir, "sidecar", SIDECAR, "rwx------");
        Path rootOnly = Files.createDirectories(dir.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        try (Daemon daemon = Daemon.start(dir, "serve", "--export", "data=" + rootOnly, "--listen",
                "unix:" + home.resolve("s.sock"))) {
            assertEquals(1, daemon.exitStatus(), daemon.log());
            assertEquals("lisa4j: cannot open export data at " + rootOnly + ": permission denied (EACCES)",
                    daemon.lastLine());
        }
    }

    @Test
    void behindAWiderSocketModeOtherUidsAreRefusedAtMountUnlessGranted() throws Exception {
        Path home = AsUid.ownedDir(dir, "sidecar", SIDECAR, "rwx--x--x");
        Path export = export(home);
        Path socket = home.resolve("run/lisa4j.sock");
        try (Daemon daemon = Daemon.start(dir, "serve", "--export", "data=" + export, "--export",
                "shared=" + export + ":ro", "--allow", "shared=uid:" + OTHER + ":ro", "--listen", "unix:" + socket,
                "--socket-mode", "0666")) {
            daemon.awaitSocket(socket);
            assertEquals("rwx--x--x", AsUid.mode(home.resolve("run")));
            assertEquals("rw-rw-rw-", AsUid.mode(socket));

            Probe refused = probe(OTHER, socket, "data");
            assertEquals(3, refused.status(), refused.output());
            assertTrue(refused.output().startsWith("errno EACCES: MOUNT of export 'data': EACCES"), refused.output());
            Probe granted = probe(OTHER, socket, "shared", "hello.txt");
            assertEquals(0, granted.status(), granted.output());
            assertEquals(0, probe(SIDECAR, socket, "data").status());
            assertTrue(daemon.log().contains("event=mount_refused peer=\"unix:pid="), daemon.log());
            assertTrue(daemon.log().contains("identity=\"unix:uid=" + OTHER + ",gid=" + OTHER), daemon.log());
            assertTrue(daemon.log().contains("export=data status=EACCES"), daemon.log());
        }
    }

    @Test
    void theDemoRunsForAnOrdinaryUserAfterRootRanIt() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Sys.fchmodat(Sys.AT_FDCWD, tmp.toString().getBytes(StandardCharsets.UTF_8), 01777, 0);
        // What root's earlier ./lisa4j left: its own demo directory, which nobody else may enter.
        Path rootsDemo = Files.createDirectories(tmp.resolve("lisa4j-demo"));
        Files.setPosixFilePermissions(rootsDemo, PosixFilePermissions.fromString("rwx------"));

        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp, "LISA4J_AOT", "off");
        try (Daemon demo = Daemon.launcher(dir, env)) {
            Path socket = tmp.resolve("lisa4j-demo-" + SIDECAR + "/lisa4j.sock");
            demo.awaitSocket(socket);
            assertEquals("rwx------", AsUid.mode(socket.getParent()));
            assertEquals(SIDECAR, AsUid.owner(socket.getParent()));
            Probe read = probe(SIDECAR, socket, "demo", "hello.txt");
            assertEquals(0, read.status(), read.output());
            assertEquals("mounted\nHello from lisa4j!\n", read.output());
            assertTrue(demo.log().contains("Connect a client to socket " + socket), demo.log());
        }
    }

    /** {@code home/export} holding hello.txt, all owned by the sidecar's uid. */
    private static Path export(Path home) throws IOException {
        Path export = Files.createDirectories(home.resolve("export"));
        Files.writeString(export.resolve("hello.txt"), "Hello from lisa4j!\n");
        AsUid.chownTree(export, SIDECAR);
        return export;
    }

    private record Probe(int status, String output) {}

    /** Runs {@link MountProbe} as {@code uid} in its own JVM. */
    private Probe probe(int uid, Path socket, String... exportAndFile) throws Exception {
        List<String> command = new ArrayList<>(List.of(AsUid.JAVA, "--enable-native-access=ALL-UNNAMED", "-cp",
                classpath, MountProbe.class.getName(), "unix:" + socket));
        command.addAll(List.of(exportAndFile));
        Process p = new ProcessBuilder(AsUid.command(uid, command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // The JVM's own notes (none expected) are not the probe's answer.
        String answer = out.lines().filter(l -> !l.startsWith("WARNING:")).reduce("", (a, l) -> a + l + "\n");
        return new Probe(p.exitValue(), answer);
    }
}
