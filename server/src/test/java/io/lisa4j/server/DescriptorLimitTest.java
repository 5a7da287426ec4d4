package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a child process under a 512-descriptor RLIMIT_NOFILE, as uid 65534: its handle
 * limits come from the descriptor limit, one connection that takes all the handles it may gets
 * EMFILE, connections that take all the server's get ENFILE, and the path lookups and opens of
 * others never fail for want of descriptors. Everything is released once the connections close.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DescriptorLimitTest {
    private static final int NOBODY = 65534;
    private static final int LIMIT = 512;

    @TempDir
    Path dir;

    @Test
    void handlesStopShortOfTheDescriptorLimitAndLookupsGoOn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "setpriv needs root");
        HostExports.requireHostBackend();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path export = Files.createDirectories(dir.resolve("export/a/b/c"));
        Files.writeString(dir.resolve("export/f"), "x");
        Path sockets = Files.createDirectories(dir.resolve("sock"));
        Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path socket = sockets.resolve("d.sock");
        Path log = dir.resolve("daemon.log");
        List<String> cmd = new ArrayList<>(List.of("prlimit", "--nofile=" + LIMIT + ":" + LIMIT, "setpriv",
                "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", readableClassPath(), "io.lisa4j.server.cli.Main",
                "serve", "--export", "t=" + dir.resolve("export"), "--listen", "unix:" + socket, "--workers", "4",
                "--io-threads", "1"));
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            awaitListening(daemon, socket, log);
            List<RawClient> hoarders = new ArrayList<>();
            int baseline;
            try (RawClient other = RawClient.unix(socket)) {
                other.hello();
                int otherFsid = other.mount("t");
                // Once, so that what the daemon opens on first use (jars, /proc/self/fd) is in the baseline.
                EndToEndTest.close(other, otherFsid, EndToEndTest.open(other, otherFsid, "f", 0));
                baseline = openDescriptors(daemon);

                RawClient first = connect(socket, hoarders);
                int perConnection = openUntilRefused(first, Errno.EMFILE.number());
                assertTrue(perConnection > 8 && perConnection < LIMIT, "per-connection handles: " + perConnection);
                // Another connection is unaffected: lookups and opens work.
                assertEquals(0, other.call(Opcode.Stat, otherFsid, Bodies.stat(0, "a/b/c", false)).status());
                long h = EndToEndTest.open(other, otherFsid, "f", ProtocolConstants.O_RDONLY);
                assertEquals(List.of(0), EndToEndTest.close(other, otherFsid, h));

                // More connections take every handle the server may hold: then ENFILE, never EMFILE...
                int refusal;
                do {
                    RawClient next = connect(socket, hoarders);
                    int got = openUntilRefused(next, 0);
                    refusal = lastRefusal;
                    assertTrue(got <= perConnection);
                } while (refusal == Errno.EMFILE.number());
                assertEquals(Errno.ENFILE.number(), refusal);
                assertTrue(openDescriptors(daemon) < LIMIT);
                // ... and path lookups of others still have descriptors to walk with.
                for (String path : List.of("a/b/c", "a/b/../b/c", "f")) {
                    assertEquals(0, other.call(Opcode.Stat, otherFsid, Bodies.stat(0, path, false)).status(), path);
                }
                RawReply dir = other.call(Opcode.Open, otherFsid,
                        Bodies.open(0, "a", ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY, 0));
                assertEquals(Errno.ENFILE.number(), dir.status(), "a handle the server has no room for");
            } finally {
                for (RawClient c : hoarders) {
                    c.close();
                }
            }
            awaitDescriptors(daemon, baseline);
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        }
        String output = Files.readString(log);
        assertTrue(output.contains("event=descriptor_limit ") && output.contains("rlimit_nofile=" + LIMIT), output);
    }

    private int lastRefusal;

    /** Opens "f" until refused; returns how many opened. {@code expected} 0 accepts EMFILE or ENFILE. */
    private int openUntilRefused(RawClient client, int expected) throws IOException {
        int fsid = client.mount("t");
        for (int n = 0; n < LIMIT; n++) {
            RawReply reply = client.call(Opcode.Open, fsid, Bodies.open(0, "f", ProtocolConstants.O_RDONLY, 0));
            if (reply.status() != 0) {
                lastRefusal = reply.status();
                if (expected != 0) {
                    assertEquals(expected, reply.status());
                } else {
                    assertTrue(reply.status() == Errno.EMFILE.number() || reply.status() == Errno.ENFILE.number(),
                            "refused with " + reply.status());
                }
                return n;
            }
            OpenReply.getRootAsOpenReply(reply.bodyBuffer()).handle();
        }
        throw new AssertionError("no limit before " + LIMIT + " handles");
    }

    private static RawClient connect(Path socket, List<RawClient> keep) throws IOException {
        RawClient client = RawClient.unix(socket);
        keep.add(client);
        client.hello();
        return client;
    }

    /** The class path, with entries a uid without access to root's home cannot read copied out. */
    private String readableClassPath() throws IOException {
        Path copies = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.startsWith("/root/") && Files.isRegularFile(p)) {
                Path copy = copies.resolve(entries.size() + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void awaitListening(Process daemon, Path socket, Path log) throws Exception {
        while (true) {
            if (!daemon.isAlive()) {
                throw new AssertionError("daemon exited: " + Files.readString(log));
            }
            if (Files.exists(socket)) {
                try (RawClient probe = RawClient.unix(socket)) {
                    probe.hello();
                    return;
                } catch (IOException notYet) {
                    // listening soon
                }
            }
            Thread.sleep(50);
        }
    }

    private static int openDescriptors(Process daemon) {
        String[] open = new File("/proc/" + daemon.pid() + "/fd").list();
        return open == null ? -1 : open.length;
    }

    /** Closing happens on the daemon's event loop: wait (bounded) for the count to come back. */
    private static void awaitDescriptors(Process daemon, int baseline) throws InterruptedException {
        int now = openDescriptors(daemon);
        for (int i = 0; i < 200 && now > baseline; i++) {
            Thread.sleep(50);
            now = openDescriptors(daemon);
        }
        assertTrue(now <= baseline, "descriptors after the connections closed: " + now + ", before: " + baseline);
    }
}
