package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ReadOnlyExportTest extends HostExportFixture {

    @Test
    void everyMutationFailsWithErofsAndNothingChanges() throws Exception {
        Files.createDirectory(root.resolve("d"));
        Files.writeString(root.resolve("f"), "data");
        SetAttrSpec chmod = new SetAttrSpec(SETATTR_MODE, 0600, 0, 0, 0, null, null);
        try (ExportBackend ro = new HostBackendProvider().open(spec(true))) {
            assertTrue(ro.readOnly());
            assertMatchesKernel(root.resolve("f"), ro.stat(stop("f"), false));
            for (int flags : new int[] {O_WRONLY, O_RDWR, O_RDONLY | O_CREAT, O_RDONLY | O_TRUNC, O_WRONLY | O_APPEND}) {
                assertErrno(Errno.EROFS, () -> ro.open(stop("f"), flags, 0644));
            }
            assertErrno(Errno.EROFS, () -> ro.mkdir(stop("n"), 0755));
            assertErrno(Errno.EROFS, () -> ro.mknod(stop("n"), ProtocolConstants.S_IFREG | 0644, 0, 0));
            assertErrno(Errno.EROFS, () -> ro.symlink(stop("n"), bytes("f")));
            assertErrno(Errno.EROFS, () -> ro.link(stop("f"), stop("n"), false));
            assertErrno(Errno.EROFS, () -> ro.unlink(stop("f"), 0));
            assertErrno(Errno.EROFS, () -> ro.rename(stop("f"), stop("n"), 0));
            assertErrno(Errno.EROFS, () -> ro.setattr(stop("f"), false, chmod));
            assertErrno(Errno.EROFS, () -> ro.setxattr(stop("f"), false, bytes("user.a"), bytes("v"), 0));
            assertErrno(Errno.EROFS, () -> ro.removexattr(stop("f"), false, bytes("user.a")));
            assertErrno(Errno.EROFS, () -> ro.access(stop("f"), ProtocolConstants.W_OK, 0));
            ro.access(stop("f"), ProtocolConstants.R_OK, 0);

            try (BackendFile f = ro.open(stop("f"), O_RDONLY, 0).file();
                    BackendFile d = ro.open(stop("d"), O_PATH, 0).file()) {
                ByteBuffer buf = ByteBuffer.allocate(4);
                assertEquals(4, f.pread(0, buf).count());
                // No handle of a read-only export is writable: these fail as on any read-only handle.
                assertErrno(Errno.EBADF, () -> f.pwrite(0, ByteBuffer.wrap(bytes("x"))));
                assertErrno(Errno.EINVAL, () -> f.ftruncate(0));
                assertErrno(Errno.EBADF, () -> f.fallocate(0, 0, 10));
                assertErrno(Errno.EROFS, () -> f.fsetattr(chmod));
                assertErrno(Errno.EROFS, () -> f.fsetxattr(bytes("user.a"), bytes("v"), 0));
                assertErrno(Errno.EROFS, () -> f.fremovexattr(bytes("user.a")));
                // Handles of a read-only export work as lookup bases.
                assertMatchesKernel(root.resolve("f"), ro.stat(at(d, "../f", ResolveMode.STOP), false));
                assertErrno(Errno.EROFS, () -> ro.mkdir(at(d, "x", ResolveMode.STOP), 0755));
            }
        }
        assertEquals("data", Files.readString(root.resolve("f")));
        try (var listing = Files.list(root)) {
            assertEquals(2, listing.count());
        }
    }
}
