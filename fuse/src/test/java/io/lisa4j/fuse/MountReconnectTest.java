package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lisa4j mount} as its own process over a daemon process that restarts on the same socket
 * and export: the mount keeps serving (ls, cat, write, and a file the kernel kept open), and its
 * stderr shows one line for the disconnect and one for the reconnect. Prints the reconnect figures:
 * time from the new daemon's "ready" to the first successful call through the mount.
 */
class MountReconnectTest {
    @TempDir
    Path tmp;

    private Process daemon;
    private Process mount;
    private final List<String> mountLog = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (mount != null) {
            mount.destroy();
            if (!mount.waitFor(60, TimeUnit.SECONDS)) {
                mount.destroyForcibly();
            }
            Shell.run(tmp, "fusermount3", "-uz", tmp.resolve("mnt").toString());
        }
        if (daemon != null) {
            daemon.destroyForcibly().waitFor();
        }
    }

    @Test
    void theMountKeepsServingAcrossADaemonRestartAndLogsIt() throws Exception {
        MountedExport.assumeFuse();
        Path export = Files.createDirectories(tmp.resolve("export"));
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path socket = tmp.resolve("d.sock");
        Files.writeString(export.resolve("kept-open"), "0123456789");
        daemon = startDaemon(export, socket, 1);
        startMount(socket, mnt);

        Files.writeString(mnt.resolve("before"), "written before");
        long healthy = System.nanoTime();
        Shell.ok(tmp, "stat", mnt.resolve("before").toString());
        healthy = System.nanoTime() - healthy;
        try (FileChannel open = FileChannel.open(mnt.resolve("kept-open"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            daemon.destroy();
            daemon.waitFor();
            daemon = startDaemon(export, socket, 2);
            long ready = System.nanoTime();
            int failed = 0;
            long firstOk;
            while (true) {
                // The first call after the restart: it notices the loss, waits for the reconnect, and succeeds.
                if (Shell.run(tmp, "stat", mnt.resolve("before").toString()).exit() == 0) {
                    firstOk = System.nanoTime();
                    break;
                }
                failed++;
            }
            System.out.printf("reconnect figures (mount): first successful call (stat(1)) %.1f ms after the new "
                    + "daemon was ready, %d calls failed; stat(1) on the healthy mount: %.1f ms; %s%n",
                    (firstOk - ready) / 1e6, failed, healthy / 1e6,
                    mountLog.stream().filter(l -> l.contains("reconnected")).findFirst().orElse("(no log line yet)"));
            assertEquals(0, failed, String.join("\n", mountLog));

            ByteBuffer got = ByteBuffer.allocate(10);
            open.read(got, 0);
            assertEquals("0123456789", new String(got.array(), StandardCharsets.UTF_8));
            open.write(ByteBuffer.wrap("AB".getBytes(StandardCharsets.UTF_8)), 0);
        }
        assertEquals("AB23456789", Files.readString(export.resolve("kept-open")));
        assertEquals("written before", Shell.ok(tmp, "cat", mnt.resolve("before").toString()).strip());
        Files.writeString(mnt.resolve("after"), "written after");
        assertEquals("written after", Files.readString(export.resolve("after")));
        String ls = Shell.ok(tmp, "ls", mnt.toString());
        assertTrue(ls.contains("after") && ls.contains("before") && ls.contains("kept-open"), ls);

        assertEquals(1, count("lisa4j mount: disconnected from unix:" + socket), String.join("\n", mountLog));
        assertEquals(1, count("lisa4j mount: reconnected to unix:" + socket), String.join("\n", mountLog));
    }

    @Test
    void anIdleMountOutlivesTheServersIdleTimeoutThroughItsKeepalive() throws Exception {
        MountedExport.assumeFuse();
        Path export = Files.createDirectories(tmp.resolve("export"));
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path socket = tmp.resolve("d.sock");
        Files.writeString(export.resolve("kept"), "still here");
        // The server drops a connection idle for 2 s; the mount pings after 1 s without a request.
        daemon = startDaemon(export, socket, 1, "--idle-timeout", "2s");
        startMount(socket, mnt, "--keepalive", "1");
        assertEquals("still here", Shell.ok(tmp, "cat", mnt.resolve("kept").toString()));

        Thread.sleep(6_000); // idle: three of the server's idle timeouts pass without a call from a program
        assertEquals("still here", Shell.ok(tmp, "cat", mnt.resolve("kept").toString()));
        Files.writeString(mnt.resolve("after-idle"), "written");
        assertEquals("written", Files.readString(export.resolve("after-idle")));
        assertEquals(0, count("lisa4j mount: disconnected"), String.join("\n", mountLog));
        assertTrue(!Files.readString(tmp.resolve("daemon-1.log")).contains("event=idle_timeout"),
                () -> read(tmp.resolve("daemon-1.log")));
    }

    @Test
    void anUnknownExportEndsTheMountWithOneLineNamingIt() throws Exception {
        MountedExport.assumeFuse();
        Path export = Files.createDirectories(tmp.resolve("export"));
        Path socket = tmp.resolve("d.sock");
        daemon = startDaemon(export, socket, 1);
        Process p = new ProcessBuilder(mountCommand(socket, "nosuch", Files.createDirectories(tmp.resolve("m2"))))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, p.waitFor(), out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("export nosuch") && out.contains("ENOENT"), out);
    }

    @Test
    void aMissingSocketOrMountPointEndsTheMountWithOneLineNamingIt() throws Exception {
        MountedExport.assumeFuse();
        Path socket = tmp.resolve("nobody-listens.sock");
        Path mnt = Files.createDirectories(tmp.resolve("m3"));
        assertOneLine(mountCommand(socket, TestServer.EXPORT, mnt), "unix:" + socket, "ENOENT");
        assertOneLine(mountCommand(socket, TestServer.EXPORT, tmp.resolve("absent")), "mount point " + tmp.resolve("absent"),
                "ENOENT");
    }

    private static void assertOneLine(List<String> command, String names, String errno) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, p.waitFor(), out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("lisa4j mount: ") && out.contains(names) && out.contains(errno), out);
    }

    private long count(String prefix) {
        return mountLog.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private List<String> mountCommand(Path socket, String export, Path mnt, String... options) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.lisa4j.fuse.cli.MountMain", "unix:" + socket, export,
                mnt.toString()));
        command.addAll(List.of(options));
        return command;
    }

    private void startMount(Path socket, Path mnt, String... options) throws IOException {
        mount = new ProcessBuilder(mountCommand(socket, TestServer.EXPORT, mnt, options)).redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(mount.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            mountLog.add(line);
            if (line.contains("mounted on")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(mountLog::add));
                return;
            }
        }
        throw new IOException("the mount ended before mounting:\n" + String.join("\n", mountLog));
    }

    private Process startDaemon(Path export, Path socket, int n, String... options) throws Exception {
        Path log = tmp.resolve("daemon-" + n + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                serverJar().toString(), "serve", "--export", TestServer.EXPORT + "=" + export, "--listen",
                "unix:" + socket));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A hang guard, not a timing assertion.
        for (int i = 0; i < 6000 && !Files.readString(log).contains("event=ready"); i++) {
            assertTrue(p.isAlive(), () -> "daemon exited: " + read(log));
            Thread.sleep(5);
        }
        assertTrue(Files.readString(log).contains("event=ready"), () -> read(log));
        return p;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path serverJar() throws IOException {
        Path target = Path.of("..", "server", "target").toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "lisa4j-server-*-all.jar")) {
            jars.forEach(found::add);
        }
        assertTrue(!found.isEmpty(), "a built server jar in " + target);
        return found.getFirst();
    }
}
