package io.lisa4j.server;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race storms (security research §3 C1–C3): host threads loop RENAME_EXCHANGE of a directory with a
 * symlink to '/' and with one to a look-alike tree outside the export, swap a directory with a
 * regular file and with a FIFO, and move a parent to another depth and back, while clients walk,
 * create, open, rename and remove below them through the real server. Every reply must be one of
 * the acceptable outcomes; the look-alike tree and a canary outside must never change; every
 * descriptor the server holds must resolve inside the export.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
@ExtendWith(FdBaseline.class)
class RaceStormTest {
    private static final int CLIENTS = 3;
    private static final int REQUESTS_PER_CLIENT = 34_000;
    private static final Set<Integer> ACCEPTABLE = Set.of(0, -1, Errno.ENOENT.number(), Errno.ENOTDIR.number(),
            Errno.ELOOP.number(), Errno.EEXIST.number(), Errno.EISDIR.number(), Errno.ENXIO.number(),
            Errno.ENOTEMPTY.number(), Errno.EXDEV.number(), Errno.EINVAL.number(), Errno.EBUSY.number());
    private static final Pattern BENIGN = Pattern.compile("(socket|pipe|anon_inode):.*|.*\\.(jar|so)|/proc/\\d+/fd");

    @TempDir
    Path dir;

    private Path export;
    private Path outside;

    @Test
    void concurrentSwapsNeverLeadOutsideTheExport() throws Exception {
        export = Files.createDirectories(dir.resolve("export"));
        outside = Files.createDirectories(dir.resolve("outside"));
        buildTrees();
        Map<String, String> outsideBefore = describe(outside);
        Path socket = dir.resolve("storm.sock");
        List<ExportSpec> exports = List.of(ExportSpec.host("e", export.toString(), false));
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)), exports).withWorkers(4, 256)
                .withIoThreads(1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        Map<Integer, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, String> baseline = FdBaseline.snapshot();
        try (LisaServer server = LisaServer.start(config, ExportRegistry.open(exports))) {
            List<Thread> attackers = List.of(
                    attacker(done, swaps, failures, "s1/a/b", "s1/slash", "s1/a/b", "s1/lookalike"),
                    attacker(done, swaps, failures, "s2/a/b", "s2/file", "s2/a/b", "s2/fifo"),
                    mover(done, swaps, failures));
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(Thread.ofPlatform().name("storm-client-" + c).start(() -> {
                    try {
                        client(socket, id, outcomes, baseline);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
            done.set(true);
            for (Thread t : attackers) {
                t.join();
            }
        }
        assertTrue(failures.isEmpty(), () -> "storm failures: " + failures);
        long total = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        assertTrue(total >= 100_000, "ran " + total + " requests");
        assertTrue(swaps.get() > 1_000, "only " + swaps.get() + " swaps happened");
        assertEquals(outsideBefore, describe(outside), "the tree outside the export changed");
        System.out.println("race storm: " + total + " requests, " + swaps.get() + " swaps, outcomes " + outcomes);
    }

    /** Three copies of a/b/c/d/f, traps beside them, and a look-alike c/d/f tree outside. */
    private void buildTrees() throws Exception {
        for (String s : List.of("s1", "s2", "s3")) {
            Files.createDirectories(export.resolve(s + "/a/b/c/d"));
            Files.writeString(export.resolve(s + "/a/b/c/d/f"), "inside");
        }
        Files.createSymbolicLink(export.resolve("s1/slash"), Path.of("/"));
        // Relative: on the host it reaches the look-alike; inside the export it cannot climb that far.
        Files.createSymbolicLink(export.resolve("s1/lookalike"), Path.of("../../outside"));
        Files.writeString(export.resolve("s2/file"), "a regular file");
        Sys.mknodat(Sys.AT_FDCWD, bytes(export.resolve("s2/fifo")), ProtocolConstants.S_IFIFO | 0644, 0);
        Files.createDirectories(export.resolve("s3/deep/p/q"));
        Files.createDirectories(outside.resolve("b/c/d"));
        Files.writeString(outside.resolve("b/c/d/f"), "canary");
        Files.writeString(outside.resolve("canary"), "canary");
    }

    /** Exchanges {@code a} with {@code b}, then {@code c} with {@code d}, each exchange undoing the last. */
    private Thread attacker(AtomicBoolean done, AtomicLong swaps, List<Throwable> failures, String a, String b,
            String c, String d) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[][] pairs = {bytes(export.resolve(a)), bytes(export.resolve(b)), bytes(export.resolve(c)),
                    bytes(export.resolve(d))};
            try {
                while (!done.get()) {
                    for (int i = 0; i < 4; i += 2) {
                        exchange(pairs[i], pairs[i + 1]);
                        exchange(pairs[i], pairs[i + 1]);
                        swaps.addAndGet(2);
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }

    /** Moves s3/a/b to s3/deep/p/q/b and back: the client's parents change depth under it. */
    private Thread mover(AtomicBoolean done, AtomicLong swaps, List<Throwable> failures) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] shallow = bytes(export.resolve("s3/a/b"));
            byte[] deep = bytes(export.resolve("s3/deep/p/q/b"));
            try {
                while (!done.get()) {
                    Sys.renameat2(Sys.AT_FDCWD, shallow, Sys.AT_FDCWD, deep, ProtocolConstants.RENAME_NOREPLACE);
                    Sys.renameat2(Sys.AT_FDCWD, deep, Sys.AT_FDCWD, shallow, ProtocolConstants.RENAME_NOREPLACE);
                    swaps.addAndGet(2);
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }

    private static void exchange(byte[] a, byte[] b) throws ErrnoException {
        Sys.renameat2(Sys.AT_FDCWD, a, Sys.AT_FDCWD, b, ProtocolConstants.RENAME_EXCHANGE);
    }

    private void client(Path socket, int id, Map<Integer, AtomicLong> outcomes, Map<String, String> baseline)
            throws Exception {
        try (RawClient c = RawClient.unix(socket)) {
            c.hello();
            int fsid = c.mount("e");
            int sent = 0;
            for (int i = 0; sent < REQUESTS_PER_CLIENT; i++) {
                String tree = "s" + (1 + i % 3) + "/a/b/c/d/";
                ResolveMode mode = (i & 4) == 0 ? ResolveMode.STOP : ResolveMode.IN_ROOT;
                String name = "n" + id + "_" + i;
                sent += storm(c, fsid, tree, name, mode, outcomes);
                if (i % 100 == 0) {
                    assertDescriptorsInside(baseline);
                }
            }
        }
    }

    /** One round of walks and changes below {@code tree}; returns how many requests it sent. */
    private int storm(RawClient c, int fsid, String tree, String name, ResolveMode mode,
            Map<Integer, AtomicLong> outcomes) throws IOException {
        int n = 0;
        n += count(outcomes, c.call(Opcode.Stat, fsid, RequestBodies.stat(Bodies.spec(tree + "f", mode), false)));
        RawReply created = c.call(Opcode.Open, fsid,
                RequestBodies.open(Bodies.spec(tree + name, mode), O_WRONLY | O_CREAT, 0600));
        n += count(outcomes, created);
        if (created.status() == 0) {
            long h = OpenReply.getRootAsOpenReply(created.bodyBuffer()).handle();
            n += count(outcomes, c.call(Opcode.Pwrite, fsid, RequestBodies.pwrite(h, 0), "x".getBytes()));
            n += count(outcomes, c.call(Opcode.Close, fsid, RequestBodies.close(h)));
        }
        n += count(outcomes, c.call(Opcode.Rename, fsid, RequestBodies.rename(Bodies.spec(tree + name, mode),
                Bodies.spec(tree + "r" + name, mode), 0, 0)));
        n += count(outcomes, c.call(Opcode.Unlink, fsid, RequestBodies.unlink(Bodies.spec(tree + "r" + name, mode), 0)));
        n += count(outcomes, c.call(Opcode.Mkdir, fsid, RequestBodies.mkdir(Bodies.spec(tree + "m" + name, mode), 0700)));
        n += count(outcomes, c.call(Opcode.Unlink, fsid,
                RequestBodies.unlink(Bodies.spec(tree + "m" + name, mode), 0x200)));
        RawReply dirHandle = c.call(Opcode.Open, fsid,
                RequestBodies.open(Bodies.spec(tree.substring(0, tree.length() - 2), mode), O_RDONLY | O_DIRECTORY, 0));
        n += count(outcomes, dirHandle);
        if (dirHandle.status() == 0) {
            long h = OpenReply.getRootAsOpenReply(dirHandle.bodyBuffer()).handle();
            n += count(outcomes, c.call(Opcode.Stat, fsid, RequestBodies.stat(
                    new io.lisa4j.protocol.value.PathSpec(h, List.of("d".getBytes(), "f".getBytes()), mode), false)));
            n += count(outcomes, c.call(Opcode.Close, fsid, RequestBodies.close(h)));
        }
        return n;
    }

    private static int count(Map<Integer, AtomicLong> outcomes, RawReply reply) {
        assertTrue(ACCEPTABLE.contains(reply.status()), "unacceptable outcome " + reply.status() + " for opcode "
                + reply.opcode());
        outcomes.computeIfAbsent(reply.status(), k -> new AtomicLong()).incrementAndGet();
        return 1;
    }

    /** Every descriptor opened since the baseline resolves inside the export (or is no path at all). */
    private void assertDescriptorsInside(Map<String, String> baseline) throws IOException {
        String inside = export.toString();
        FdBaseline.snapshot().forEach((fd, target) -> {
            if (!target.equals(baseline.get(fd)) && !BENIGN.matcher(target).matches()
                    && !target.equals(inside) && !target.startsWith(inside + "/")) {
                throw new AssertionError("server descriptor " + fd + " -> " + target + " is outside the export");
            }
        });
    }

    /** Every path under {@code root} with its type and content, to compare before and after. */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                out.put(root.relativize(p).toString(),
                        Files.isRegularFile(p) ? Files.readString(p) : Files.isDirectory(p) ? "dir" : "other");
            }
        }
        return out;
    }

    private static byte[] bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

}
