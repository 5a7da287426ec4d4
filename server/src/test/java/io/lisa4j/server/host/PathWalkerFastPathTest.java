package io.lisa4j.server.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.Lookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-openat2 fast path of {@link PathWalker}: taken exactly when every component is a plain
 * name and the kernel meets no symlink it would have to follow, and then giving what the
 * component walk gives, the recorded path included. The component walk ({@code fastPath} off) is
 * the oracle, on real directories.
 */
class PathWalkerFastPathTest extends HostExportFixture {
    private static final List<String> PATHS = List.of("a/b/c/d/f5", "a/b/c/d", "a/b/file", "a", "a/sib/file",
            "a/sib", "abs", "abs/canary", "a/b/link", "a/b/dangling", "a/b/up/a/b/file", "a/b/file/x", "a/b/fifo",
            "a/nope/x", "a/b/nope", "a/b/c/d/nope", "a/./b/file", "a/b/../b/file", "a/b/..", "a/b/.");

    private HostFd rootFd;
    private PathWalker fast;
    private PathWalker slow;
    private final List<AutoCloseable> bases = new ArrayList<>();

    @BeforeEach
    void tree() throws Exception {
        Files.createDirectories(root.resolve("a/b/c/d"));
        Files.writeString(root.resolve("a/b/c/d/f5"), "depth five");
        Files.writeString(root.resolve("a/b/file"), "inside");
        Files.createSymbolicLink(root.resolve("a/sib"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("a/b/link"), Path.of("file"));
        Files.createSymbolicLink(root.resolve("a/b/dangling"), Path.of("made"));
        Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../.."));
        Sys.mknodat(Sys.AT_FDCWD, bytes(root.resolve("a/b/fifo").toString()), ProtocolConstants.S_IFIFO | 0644, 0);
        rootFd = new HostFd(Sys.openat(Sys.AT_FDCWD, bytes(root.toString()),
                ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | ProtocolConstants.O_CLOEXEC, 0));
        fast = new PathWalker(rootFd, true);
        slow = new PathWalker(rootFd, false);
    }

    @AfterEach
    void closeRoot() throws Exception {
        for (AutoCloseable base : bases) {
            base.close();
        }
        rootFd.close();
    }

    @Test
    void everyLookupGivesWhatTheComponentWalkGives() throws Exception {
        for (ResolveMode mode : ResolveMode.values()) {
            for (String path : PATHS) {
                Lookup at = Lookup.root(components(path), mode);
                compare(w -> w.object(at, true), "object following " + path + " " + mode);
                compare(w -> w.object(at, false), "object " + path + " " + mode);
                compare(w -> w.entry(at, FinalDots.CREATE), "entry " + path + " " + mode);
                compare(w -> w.entryFollowing(at), "entry following " + path + " " + mode);
            }
        }
    }

    @Test
    void fromABaseHandleTheRecordedPathStartsAtTheBase() throws Exception {
        HostFile fastBase = base(fast, "a/b");
        HostFile slowBase = base(slow, "a/b");
        for (ResolveMode mode : ResolveMode.values()) {
            for (String path : List.of("c/d/f5", "c/d", "file", "link", "up/a", "c/d/nope/x", "../sib/file", "..")) {
                Lookup f = new Lookup(fastBase, components(path), mode);
                Lookup s = new Lookup(slowBase, components(path), mode);
                String what = "from a/b: " + path + " " + mode;
                assertEquals(outcome(() -> slow.object(s, true)), outcome(() -> fast.object(f, true)), what);
                assertEquals(outcome(() -> slow.object(s, false)), outcome(() -> fast.object(f, false)), what);
                assertEquals(outcome(() -> slow.entry(s, FinalDots.CREATE)),
                        outcome(() -> fast.entry(f, FinalDots.CREATE)), what);
                assertEquals(outcome(() -> slow.entryFollowing(s)), outcome(() -> fast.entryFollowing(f)), what);
            }
        }
        try (Resolved r = PathWalker.fastObject(fastBase.fd().number(), fastBase.path(), components("c/d/f5"), true)) {
            assertNotNull(r, "plain names from a base take the fast path");
            assertEquals("a/b/c/d/f5", joined(r.path()));
        }
    }

    @Test
    void aPathAtDepthFiveIsOneOpenat2AndTheKernelsObject() throws Exception {
        try (Resolved r = PathWalker.fastObject(rootFd.number(), List.of(), components("a/b/c/d/f5"), true)) {
            assertNotNull(r);
            assertEquals("a/b/c/d/f5", joined(r.path()));
            assertMatchesKernel(root.resolve("a/b/c/d/f5"), Sys.fstat(r.number()));
        }
        try (Resolved r = PathWalker.fastEntry(rootFd.number(), List.of(), components("a/b/c/d/new"), false)) {
            assertNotNull(r);
            assertEquals("a/b/c/d", joined(r.path()));
            assertEquals("new", string(r.name()));
            assertMatchesKernel(root.resolve("a/b/c/d"), Sys.fstat(r.number()));
        }
    }

    @Test
    void aSymlinkInTheMiddleLeavesItToTheWalkInBothModes() throws Exception {
        assertNull(PathWalker.fastObject(rootFd.number(), List.of(), components("a/sib/file"), false));
        assertNull(PathWalker.fastEntry(rootFd.number(), List.of(), components("a/sib/new"), false));
        assertNull(PathWalker.fastObject(rootFd.number(), List.of(), components("abs/canary"), true));
        // Stop reports the symlink's index and target; InRoot follows it and records where it went.
        StoppedException e = assertStopped(StoppedException.Reason.SYMLINK, 1,
                () -> fast.object(Lookup.root(components("a/sib/file"), ResolveMode.STOP), true));
        assertEquals("b", string(e.target()));
        e = assertStopped(StoppedException.Reason.SYMLINK, 0,
                () -> fast.entry(Lookup.root(components("abs/x"), ResolveMode.STOP), FinalDots.CREATE));
        assertEquals(outside.toString(), string(e.target()));
        try (Resolved r = fast.object(Lookup.root(components("a/sib/file"), ResolveMode.IN_ROOT), true)) {
            assertEquals("a/b/file", joined(r.path()));
            assertMatchesKernel(root.resolve("a/b/file"), Sys.fstat(r.number()));
        }
    }

    @Test
    void aFinalSymlinkIsTheObjectUnlessFollowed() throws Exception {
        try (Resolved r = PathWalker.fastObject(rootFd.number(), List.of(), components("a/b/link"), false)) {
            assertNotNull(r);
            assertTrue(Sys.fstat(r.number()).isSymlink());
        }
        assertNull(PathWalker.fastObject(rootFd.number(), List.of(), components("a/b/link"), true));
        try (Resolved r = fast.object(Lookup.root(components("a/b/link"), ResolveMode.IN_ROOT), true)) {
            assertEquals("a/b/file", joined(r.path()));
            assertMatchesKernel(root.resolve("a/b/file"), Sys.fstat(r.number()));
        }
        assertStopped(StoppedException.Reason.SYMLINK, 2,
                () -> fast.object(Lookup.root(components("a/b/link"), ResolveMode.STOP), true));
        // An entry lookup that follows leaves a final symlink, dangling or not, to the walk.
        assertNull(PathWalker.fastEntry(rootFd.number(), List.of(), components("a/b/link"), true));
        assertNull(PathWalker.fastEntry(rootFd.number(), List.of(), components("a/b/dangling"), true));
        try (Resolved r = fast.entryFollowing(Lookup.root(components("a/b/dangling"), ResolveMode.IN_ROOT))) {
            assertEquals("a/b", joined(r.path()));
            assertEquals("made", string(r.name()));
        }
        try (Resolved r = PathWalker.fastEntry(rootFd.number(), List.of(), components("a/b/link"), false)) {
            assertNotNull(r, "not following, the final name is not looked at");
            assertEquals("link", string(r.name()));
        }
    }

    @Test
    void errorsComeFromTheWalk() throws Exception {
        assertNull(PathWalker.fastObject(rootFd.number(), List.of(), components("a/b/file/x"), true));
        assertErrno(Errno.ENOTDIR,
                () -> fast.object(Lookup.root(components("a/b/file/x"), ResolveMode.STOP), true));
        assertNull(PathWalker.fastEntry(rootFd.number(), List.of(), components("a/b/file/x"), false));
        assertErrno(Errno.ENOTDIR,
                () -> fast.entry(Lookup.root(components("a/b/file/x"), ResolveMode.STOP), FinalDots.CREATE));
        assertNull(PathWalker.fastObject(rootFd.number(), List.of(), components("a/nope/x"), true));
        assertErrno(Errno.ENOENT,
                () -> fast.object(Lookup.root(components("a/nope/x"), ResolveMode.IN_ROOT), true));
        assertErrno(Errno.ENOENT,
                () -> fast.entry(Lookup.root(components("a/nope/x"), ResolveMode.IN_ROOT), FinalDots.CREATE));
        // A name the walk refuses is never joined into a path.
        List<byte[]> slash = List.of(bytes("a"), bytes("b/file"));
        assertErrno(Errno.EINVAL, () -> fast.object(Lookup.root(slash, ResolveMode.STOP), true));
    }

    private HostFile base(PathWalker walker, String path) throws Exception {
        int fd = Sys.openat(rootFd.number(), bytes(path),
                ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | ProtocolConstants.O_CLOEXEC, 0);
        HostFile file = new HostFile(walker, new HostFd(fd), ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY,
                ProtocolConstants.S_IFDIR, components(path));
        bases.add(file);
        return file;
    }

    @FunctionalInterface
    private interface Walk {
        Resolved run(PathWalker walker) throws Exception;
    }

    @FunctionalInterface
    private interface Attempt {
        Resolved run() throws Exception;
    }

    private void compare(Walk walk, String what) {
        assertEquals(outcome(() -> walk.run(slow)), outcome(() -> walk.run(fast)), what);
    }

    /** What a walk gave, comparable: the object (device, inode, type), its recorded path and name; or the failure. */
    private static String outcome(Attempt call) {
        try (Resolved r = call.run()) {
            FileAttr attr = Sys.fstat(r.number());
            return "dev " + attr.devMajor() + ":" + attr.devMinor() + " ino " + attr.ino() + " type "
                    + Integer.toOctalString(attr.type()) + " path " + joined(r.path()) + " name "
                    + (r.name() == null ? null : string(r.name()));
        } catch (ErrnoException e) {
            return "errno " + e.errnoEnum();
        } catch (StoppedException e) {
            return "stopped " + e.reason() + " at " + e.componentIndex() + " target "
                    + (e.target() == null ? null : string(e.target()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String joined(List<byte[]> path) {
        return String.join("/", path.stream().map(HostExportFixture::string).toList());
    }
}
