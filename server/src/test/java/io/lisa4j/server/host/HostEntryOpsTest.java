package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.AT_REMOVEDIR;
import static io.lisa4j.protocol.ProtocolConstants.RENAME_EXCHANGE;
import static io.lisa4j.protocol.ProtocolConstants.RENAME_NOREPLACE;
import static io.lisa4j.protocol.ProtocolConstants.S_IFCHR;
import static io.lisa4j.protocol.ProtocolConstants.S_IFIFO;
import static io.lisa4j.protocol.ProtocolConstants.S_IFREG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.server.spi.Entry;
import io.lisa4j.server.spi.RenameResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operations that create, remove or rename directory entries. */
class HostEntryOpsTest extends HostExportFixture {

    @Test
    void mkdirCreatesWithTheExactModeAndReportsTheParent() throws Exception {
        Entry e = export.mkdir(stop("d"), 0751);
        assertMatchesKernel(root.resolve("d"), e.attr());
        assertMatchesKernel(root, e.parent());
        assertEquals(0751, e.attr().permissions());
        assertErrno(Errno.EEXIST, () -> export.mkdir(stop("d"), 0755));
        assertErrno(Errno.ENOENT, () -> export.mkdir(stop("missing/d"), 0755));
        assertErrno(Errno.ENOENT, () -> export.mkdir(stop(""), 0755));
        assertErrno(Errno.EEXIST, () -> export.mkdir(stop("d/."), 0755));
        assertErrno(Errno.EEXIST, () -> export.mkdir(stop("d/.."), 0755));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        assertErrno(Errno.EEXIST, () -> export.mkdir(inRoot("dangling"), 0755));
        assertFalse(Files.exists(root.resolve("nowhere")));
    }

    @Test
    void mknodMakesFilesAndFifosButNoDevices() throws Exception {
        assertMatchesKernel(root.resolve("r"), export.mknod(stop("r"), S_IFREG | 0640, 0, 0).attr());
        Entry fifo = export.mknod(stop("p"), S_IFIFO | 0600, 0, 0);
        assertMatchesKernel(root.resolve("p"), fifo.attr());
        assertEquals(S_IFIFO, fifo.attr().type());
        assertErrno(Errno.EPERM, () -> export.mknod(stop("null"), S_IFCHR | 0666, 1, 3));
        assertFalse(Files.exists(root.resolve("null"), LinkOption.NOFOLLOW_LINKS));
        assertErrno(Errno.EEXIST, () -> export.mknod(stop("r"), S_IFREG | 0640, 0, 0));
    }

    @Test
    void devicesOnlyWhereTheExportAllowsThem() throws Exception {
        try (var devices = new HostBackendProvider().open(new io.lisa4j.server.spi.ExportSpec(
                "dev", "host", root.toString(), false, Map.of(HostExportBackend.ALLOW_DEVICES, "true")))) {
            Entry e = devices.mknod(stop("null"), S_IFCHR | 0666, 1, 3);
            assertMatchesKernel(root.resolve("null"), e.attr());
            assertEquals(1, e.attr().rdevMajor());
            assertEquals(3, e.attr().rdevMinor());
        }
        assertErrno(Errno.EPERM, () -> export.open(stop("null"), io.lisa4j.protocol.ProtocolConstants.O_RDONLY, 0));
    }

    @Test
    void symlinkStoresTheTargetBytesVerbatim() throws Exception {
        Entry e = export.symlink(stop("l"), bytes("../../etc/passwd"));
        assertMatchesKernel(root.resolve("l"), e.attr());
        assertEquals("../../etc/passwd", Files.readSymbolicLink(root.resolve("l")).toString());
        assertEquals("../../etc/passwd", string(export.readlink(stop("l"))));
        assertErrno(Errno.EEXIST, () -> export.symlink(stop("l"), bytes("x")));
        assertErrno(Errno.ENOENT, () -> export.symlink(stop("m"), new byte[0]));
        assertErrno(Errno.ENAMETOOLONG, () -> export.symlink(stop("m"), bytes("x".repeat(4096))));
        assertErrno(Errno.EINVAL, () -> export.readlink(stop("")));
    }

    @Test
    void linkFollowsTheOldPathOnlyWhenAsked() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "data");
        Files.createSymbolicLink(root.resolve("l"), Path.of("f"));
        Entry hard = export.link(stop("f"), stop("h"), false);
        assertMatchesKernel(root.resolve("h"), hard.attr());
        assertEquals(2, hard.attr().nlink());
        assertTrue(export.link(stop("l"), stop("l2"), false).attr().isSymlink());
        Entry followed = export.link(inRoot("l"), stop("h2"), true);
        assertEquals(Files.getAttribute(file, "unix:ino"), followed.attr().ino());
        assertErrno(Errno.EEXIST, () -> export.link(stop("f"), stop("h"), false));
        assertErrno(Errno.EPERM, () -> export.link(stop(""), stop("rootlink"), false));
        assertStopped(io.lisa4j.protocol.StoppedException.Reason.SYMLINK, 0, () -> export.link(stop("l"), stop("h3"), true));
    }

    @Test
    void unlinkAndRmdirFailAsLinuxDoes() throws Exception {
        Files.createDirectories(root.resolve("d/sub"));
        Files.writeString(root.resolve("f"), "x");
        assertErrno(Errno.EISDIR, () -> export.unlink(stop("d"), 0));
        assertErrno(Errno.ENOTDIR, () -> export.unlink(stop("f"), AT_REMOVEDIR));
        assertErrno(Errno.ENOTEMPTY, () -> export.unlink(stop("d"), AT_REMOVEDIR));
        assertErrno(Errno.EISDIR, () -> export.unlink(stop("d/."), 0));
        assertErrno(Errno.EINVAL, () -> export.unlink(stop("d/sub/."), AT_REMOVEDIR));
        assertErrno(Errno.ENOTEMPTY, () -> export.unlink(stop("d/sub/.."), AT_REMOVEDIR));
        assertErrno(Errno.ENOENT, () -> export.unlink(stop(""), AT_REMOVEDIR));
        assertErrno(Errno.ENOENT, () -> export.unlink(stop("missing"), 0));

        assertMatchesKernel(root, export.unlink(stop("f"), 0));
        assertMatchesKernel(root.resolve("d"), export.unlink(stop("d/sub"), AT_REMOVEDIR));
        assertFalse(Files.exists(root.resolve("d/sub")));
    }

    @Test
    void unlinkOfASymlinkRemovesTheLinkNotTheTarget() throws Exception {
        Files.createSymbolicLink(root.resolve("abs"), outside.resolve("canary"));
        export.unlink(inRoot("abs"), 0);
        assertFalse(Files.exists(root.resolve("abs"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void renameWithFlags() throws Exception {
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("a/x"), "x");
        Files.writeString(root.resolve("b/y"), "yy");

        assertErrno(Errno.EEXIST, () -> export.rename(stop("a/x"), stop("b/y"), RENAME_NOREPLACE));
        RenameResult swap = export.rename(stop("a/x"), stop("b/y"), RENAME_EXCHANGE);
        assertMatchesKernel(root.resolve("b/y"), swap.attr());
        assertEquals("x", Files.readString(root.resolve("b/y")));
        assertMatchesKernel(root.resolve("a/x"), swap.exchanged());
        assertMatchesKernel(root.resolve("a"), swap.oldParent());
        assertMatchesKernel(root.resolve("b"), swap.newParent());

        RenameResult move = export.rename(stop("a/x"), stop("b/z"), 0);
        assertNull(move.exchanged());
        assertMatchesKernel(root.resolve("b/z"), move.attr());
        assertEquals("yy", Files.readString(root.resolve("b/z")));
        assertErrno(Errno.ENOENT, () -> export.rename(stop("a/x"), stop("b/w"), 0));
        assertErrno(Errno.EBUSY, () -> export.rename(stop("a/."), stop("b/q"), 0));
        assertErrno(Errno.EBUSY, () -> export.rename(stop("b/z"), stop("a/.."), 0));
        assertErrno(Errno.EINVAL, () -> export.rename(stop("a"), stop("a/inside"), 0));
        assertErrno(Errno.ENOTEMPTY, () -> export.rename(stop("a"), stop("b"), 0));
    }
}
