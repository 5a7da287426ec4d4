package io.lisa4j.server.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class HostStatTest extends HostExportFixture {

    @Test
    void statOfFileDirectoryAndRootMatchesTheKernel() throws Exception {
        Path dir = Files.createDirectories(root.resolve("a/b"));
        Path file = Files.writeString(dir.resolve("f"), "hello");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.createLink(root.resolve("hard"), file);

        assertMatchesKernel(file, export.stat(stop("a/b/f"), false));
        assertMatchesKernel(dir, export.stat(stop("a/b"), false));
        assertMatchesKernel(root, export.stat(stop(""), false));
        assertMatchesKernel(root, export.rootAttr());
        assertEquals(2, export.stat(stop("hard"), true).nlink());
    }

    @Test
    void statFollowsAFinalSymlinkUnlessNofollow() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "12345");
        Path link = Files.createSymbolicLink(root.resolve("l"), Path.of("f"));

        assertMatchesKernel(link, export.stat(stop("l"), true));
        assertMatchesKernel(file, export.stat(inRoot("l"), false));
        assertTrue(export.stat(stop("l"), true).isSymlink());
    }

    @Test
    void dotsResolveWithinTheTree() throws Exception {
        Path dir = Files.createDirectories(root.resolve("a/b"));
        assertMatchesKernel(root.resolve("a"), export.stat(stop("a/b/.."), false));
        assertMatchesKernel(dir, export.stat(stop("./a/./b/."), false));
        assertMatchesKernel(root, export.stat(stop("a/b/../.."), false));
    }

    @Test
    void lookupErrnos() throws Exception {
        Files.writeString(root.resolve("file"), "x");
        assertErrno(Errno.ENOENT, () -> export.stat(stop("missing"), false));
        assertErrno(Errno.ENOENT, () -> export.stat(stop("missing/x"), false));
        assertErrno(Errno.ENOTDIR, () -> export.stat(stop("file/x"), false));
        assertErrno(Errno.ENAMETOOLONG, () -> export.stat(stop("x".repeat(256)), false));
        assertErrno(Errno.ENOENT, () -> export.stat(stop("x".repeat(255)), false));
        assertErrno(Errno.EINVAL, () -> export.stat(
                io.lisa4j.server.spi.Lookup.root(java.util.List.of(bytes("a/b")), io.lisa4j.protocol.value.ResolveMode.STOP),
                false));
    }

    @Test
    void statfsMatchesTheKernel() throws Exception {
        Files.createDirectory(root.resolve("d"));
        FsStat fs = export.statfs(stop("d"));
        var store = Files.getFileStore(root);
        assertEquals(store.getTotalSpace(), fs.blocks() * fs.fragmentSize());
        assertEquals(255, fs.nameMax());
        FileAttr attr = export.stat(stop("d"), false);
        try (var file = export.open(stop("d"), io.lisa4j.protocol.ProtocolConstants.O_PATH, 0).file()) {
            assertEquals(fs.type(), file.fstatfs().type());
        }
        assertTrue(attr.isDirectory());
    }
}
