package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.StoppedException.Reason;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.spi.BackendFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Symlinks and "..": nothing outside the export is ever reached, in either resolve mode. */
class HostResolveTest extends HostExportFixture {
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        dir = Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "inside");
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("a/rel"), Path.of("../../outside"));
        Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../../../../.."));
        Files.createSymbolicLink(root.resolve("a/sib"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("a/b/toroot"), Path.of("/a/b/file"));
    }

    @Test
    void stopModeStopsAtEverySymlinkItWouldFollow() throws Exception {
        var e = assertStopped(Reason.SYMLINK, 0, () -> export.stat(stop("abs/canary"), false));
        assertArrayEquals(bytes(outside.toString()), e.target());
        e = assertStopped(Reason.SYMLINK, 1, () -> export.stat(stop("a/rel/canary"), false));
        assertEquals("../../outside", string(e.target()));
        assertStopped(Reason.SYMLINK, 1, () -> export.stat(stop("a/sib/file"), false));
        assertStopped(Reason.SYMLINK, 2, () -> export.stat(stop("a/b/up"), false));
        assertStopped(Reason.SYMLINK, 0, () -> export.open(stop("abs"), O_RDONLY, 0));
        assertStopped(Reason.SYMLINK, 1, () -> export.mkdir(stop("a/rel/new"), 0755));
        assertStopped(Reason.SYMLINK, 1, () -> export.open(stop("a/rel/canary"), O_WRONLY | O_CREAT, 0644));
        // A final symlink an operation does not follow is the object itself.
        assertTrue(export.stat(stop("abs"), true).isSymlink());
        assertEquals(outside.toString(), string(export.readlink(stop("abs"))));
    }

    @Test
    void aStopInTheSecondPathOfLinkOrRenameCountsAfterTheFirstPath() throws Exception {
        // "a/b/file" has 3 components, so "a/rel/x" stopping at its component 1 reports 3 + 1.
        var e = assertStopped(Reason.SYMLINK, 4, () -> export.rename(stop("a/b/file"), stop("a/rel/x"), 0));
        assertEquals("../../outside", string(e.target()));
        assertStopped(Reason.SYMLINK, 4, () -> export.link(stop("a/b/file"), stop("a/rel/x"), false));
        assertStopped(Reason.ABOVE_ROOT, 3, () -> export.rename(stop("a/b/file"), stop("../x"), 0));
        assertStopped(Reason.SYMLINK, 0, () -> export.rename(stop("abs/x"), stop("a/rel/x"), 0));
        assertTrue(Files.exists(root.resolve("a/b/file")));
    }

    @Test
    void stopModeStopsAboveTheRoot() throws Exception {
        assertStopped(Reason.ABOVE_ROOT, 0, () -> export.stat(stop(".."), false));
        assertStopped(Reason.ABOVE_ROOT, 4, () -> export.stat(stop("a/../a/../../outside"), false));
        assertStopped(Reason.ABOVE_ROOT, 4, () -> export.stat(stop("a/b/../../../outside/canary"), false));
        assertStopped(Reason.ABOVE_ROOT, 2, () -> export.mkdir(stop("a/../../x"), 0755));
    }

    @Test
    void inRootFollowsSymlinksWithTheExportAsRoot() throws Exception {
        // "/outside" and "../../outside" both mean <export>/outside, which does not exist.
        assertErrno(Errno.ENOENT, () -> export.stat(inRoot("abs/canary"), false));
        assertErrno(Errno.ENOENT, () -> export.stat(inRoot("a/rel/canary"), false));
        assertMatchesKernel(root, export.stat(inRoot("a/b/up"), false));
        assertMatchesKernel(root.resolve("a/b/file"), export.stat(inRoot("a/sib/file"), false));
        assertMatchesKernel(root.resolve("a/b/file"), export.stat(inRoot("a/b/toroot"), false));
        assertMatchesKernel(root, export.stat(inRoot("../../.."), false));
        assertMatchesKernel(root.resolve("a"), export.stat(inRoot("a/b/up/../../a"), false));

        // Creating through an escaping symlink creates inside the export.
        Files.createDirectory(root.resolve("outside"));
        var o = export.open(inRoot("a/rel/made"), O_WRONLY | O_CREAT, 0600);
        o.file().close();
        assertTrue(o.created());
        assertTrue(Files.exists(root.resolve("outside/made")));
    }

    @Test
    void inRootGivesElooAfterFortySymlinks() throws Exception {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        assertErrno(Errno.ELOOP, () -> export.stat(inRoot("self"), false));
        for (int i = 0; i < 41; i++) {
            Files.createSymbolicLink(root.resolve("c" + i), Path.of("c" + (i + 1)));
        }
        Files.createDirectory(root.resolve("c41"));
        assertErrno(Errno.ELOOP, () -> export.stat(inRoot("c0"), false));
        assertTrue(export.stat(inRoot("c2"), false).isDirectory());
    }

    @Test
    void onlyTheFinalSymlinkIsLeftAloneByNofollowOperations() throws Exception {
        assertErrno(Errno.ELOOP, () -> export.open(inRoot("abs"), O_RDONLY | io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW, 0));
        try (BackendFile link = export.open(inRoot("abs"), O_PATH | io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW, 0).file()) {
            assertTrue(link.fstat().isSymlink());
            assertEquals(outside.toString(), string(link.freadlink()));
        }
    }

    @Test
    void dotDotFromABaseHandleClimbsWithinTheExport() throws Exception {
        try (BackendFile b = export.open(stop("a/b"), O_PATH | O_DIRECTORY, 0).file()) {
            assertMatchesKernel(root.resolve("a"), export.stat(at(b, "..", ResolveMode.STOP), false));
            assertMatchesKernel(root, export.stat(at(b, "../..", ResolveMode.STOP), false));
            assertStopped(Reason.ABOVE_ROOT, 2, () -> export.stat(at(b, "../../../outside", ResolveMode.STOP), false));
            assertMatchesKernel(root, export.stat(at(b, "../../../..", ResolveMode.IN_ROOT), false));
            assertMatchesKernel(root.resolve("a/b/file"), export.stat(at(b, "file", ResolveMode.STOP), false));
            assertMatchesKernel(root.resolve("a/b/file"), export.stat(at(b, "up/a/b/file", ResolveMode.IN_ROOT), false));
        }
    }

    @Test
    void aBaseMovedByTheHostStillCannotClimbOut() throws Exception {
        Path deep = Files.createDirectories(root.resolve("x/y"));
        try (BackendFile y = export.open(stop("x/y"), O_PATH | O_DIRECTORY, 0).file()) {
            // A host process moves the directory out of the export; the handle's recorded path is stale.
            Files.move(deep, outside.resolve("y"));
            assertErrno(Errno.ENOENT, () -> export.stat(at(y, "../y", ResolveMode.STOP), false));
            assertMatchesKernel(root.resolve("x"), export.stat(at(y, "..", ResolveMode.STOP), false));
            assertMatchesKernel(root, export.stat(at(y, "../..", ResolveMode.IN_ROOT), false));
            assertStopped(Reason.ABOVE_ROOT, 2, () -> export.stat(at(y, "../../..", ResolveMode.STOP), false));
            Files.move(outside.resolve("y"), deep);
        }
    }

    @Test
    void aBaseMustBeADirectoryOfTheSameExport() throws Exception {
        try (BackendFile f = export.open(stop("a/b/file"), O_RDONLY, 0).file()) {
            assertErrno(Errno.ENOTDIR, () -> export.stat(at(f, "x", ResolveMode.STOP), false));
            assertMatchesKernel(root.resolve("a/b/file"), export.stat(at(f, "", ResolveMode.STOP), false));
            try (var other = new HostBackendProvider().open(spec(false))) {
                assertErrno(Errno.EBADF, () -> other.stat(at(f, "", ResolveMode.STOP), false));
            }
        }
    }

    @Test
    void symlinkInTheMiddleNeverReadsOutsideData() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(64);
        assertStopped(Reason.SYMLINK, 0, () -> export.open(stop("abs/canary"), O_RDONLY, 0));
        assertErrno(Errno.ENOENT, () -> export.open(inRoot("abs/canary"), O_RDONLY, 0));
        assertErrno(Errno.ENOENT, () -> export.getxattr(inRoot("a/rel/canary"), false, bytes("user.x")));
        assertFalse(buf.position() > 0);
    }
}
