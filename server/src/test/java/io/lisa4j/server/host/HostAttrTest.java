package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_ATIME;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_GID;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MODE;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MTIME;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MTIME_NOW;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_SIZE;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_UID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.protocol.value.Timestamp;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.SetAttrResult;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SETATTR, ACCESS and extended attributes. */
class HostAttrTest extends HostExportFixture {
    static final Timestamp T1 = new Timestamp(1_000_000_000L, 123_456_789);
    static final Timestamp T2 = new Timestamp(1_500_000_000L, 987_654_321);

    static SetAttrSpec spec(int mask, int mode, long size) {
        return new SetAttrSpec(mask, mode, 1234, 5678, size, T1, T2);
    }

    @Test
    void setattrAppliesEveryField() throws Exception {
        Path f = Files.writeString(root.resolve("f"), "0123456789");
        int all = SETATTR_SIZE | SETATTR_MODE | SETATTR_UID | SETATTR_GID | SETATTR_ATIME | SETATTR_MTIME;
        SetAttrResult r = export.setattr(stop("f"), false, spec(all, 0640, 3));
        assertEquals(List.of(), r.failures());
        assertMatchesKernel(f, r.attr());
        assertEquals(3, r.attr().size());
        assertEquals(0640, r.attr().permissions());
        assertEquals(1234, r.attr().uid());
        assertEquals(5678, r.attr().gid());
        assertEquals(T1, r.attr().atime());
        assertEquals(T2, r.attr().mtime());
    }

    @Test
    void failedFieldsAreReportedAndTheOthersStillApply() throws Exception {
        Files.createDirectory(root.resolve("d"));
        SetAttrResult r = export.setattr(stop("d"), false, spec(SETATTR_SIZE | SETATTR_MODE | SETATTR_MTIME_NOW, 0700, 0));
        assertEquals(List.of(new SetAttrResult.FieldFailure(SETATTR_SIZE, Errno.EISDIR.number())), r.failures());
        assertEquals(0700, r.attr().permissions());
        assertMatchesKernel(root.resolve("d"), r.attr());
    }

    @Test
    void symlinksKeepTheirModeAndTheirTargetIsUntouched() throws Exception {
        Path target = Files.writeString(root.resolve("t"), "x");
        int before = (int) Files.getAttribute(target, "unix:mode");
        Files.createSymbolicLink(root.resolve("l"), Path.of("t"));
        SetAttrResult r = export.setattr(stop("l"), true, spec(SETATTR_MODE | SETATTR_MTIME, 0600, 0));
        assertEquals(List.of(new SetAttrResult.FieldFailure(SETATTR_MODE, Errno.EOPNOTSUPP.number())), r.failures());
        assertEquals(T2, r.attr().mtime());
        assertEquals(before, (int) Files.getAttribute(target, "unix:mode"));
        assertMatchesKernel(root.resolve("l"), r.attr());
        assertEquals(0600, export.setattr(inRoot("l"), false, spec(SETATTR_MODE, 0600, 0)).attr().permissions());
    }

    @Test
    void fsetattrOnHandles() throws Exception {
        Path f = Files.writeString(root.resolve("f"), "0123456789");
        try (BackendFile p = export.open(stop("f"), O_PATH, 0).file();
                BackendFile ro = export.open(stop("f"), O_RDONLY, 0).file();
                BackendFile rw = export.open(stop("f"), O_RDWR, 0).file()) {
            // An O_PATH handle takes attributes as the base of SETATTR, never through FSETATTR.
            assertErrno(Errno.EBADF, () -> p.fsetattr(spec(SETATTR_SIZE, 0, 4)));
            assertEquals(4, export.setattr(at(p, "", ResolveMode.STOP), false, spec(SETATTR_SIZE, 0, 4)).attr().size());
            // ftruncate semantics: a handle not open for writing cannot change the size.
            SetAttrResult refused = ro.fsetattr(spec(SETATTR_SIZE, 0, 1));
            assertEquals(List.of(new SetAttrResult.FieldFailure(SETATTR_SIZE, Errno.EINVAL.number())), refused.failures());
            assertEquals(4, Files.size(f));
            assertEquals(2, rw.fsetattr(spec(SETATTR_SIZE, 0, 2)).attr().size());
            assertMatchesKernel(f, rw.fsetattr(spec(SETATTR_MODE | SETATTR_ATIME, 0444, 0)).attr());
            assertEquals(7, rw.ftruncate(7).size());
            assertEquals(7, Files.size(f));
        }
    }

    @Test
    void accessChecksWithTheServersCredentials() throws Exception {
        Files.writeString(root.resolve("f"), "x");
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        export.access(stop("f"), ProtocolConstants.R_OK | ProtocolConstants.W_OK, 0);
        assertErrno(Errno.EACCES, () -> export.access(stop("f"), ProtocolConstants.X_OK, 0));
        assertErrno(Errno.ENOENT, () -> export.access(inRoot("dangling"), ProtocolConstants.F_OK, 0));
        export.access(stop("dangling"), ProtocolConstants.F_OK, ProtocolConstants.AT_SYMLINK_NOFOLLOW);
    }

    @Test
    void xattrsByPathAndByHandle() throws Exception {
        Path f = Files.writeString(root.resolve("f"), "x");
        byte[] value = new byte[] {0, 1, 2, (byte) 0xff};
        assertMatchesKernel(f, export.setxattr(stop("f"), false, bytes("user.a"), value, 0));
        var view = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        assertEquals(List.of("a"), view.list());
        assertArrayEquals(value, export.getxattr(stop("f"), false, bytes("user.a")));
        assertErrno(Errno.EEXIST, () -> export.setxattr(stop("f"), false, bytes("user.a"), value, ProtocolConstants.XATTR_CREATE));
        assertErrno(Errno.ENODATA, () -> export.getxattr(stop("f"), false, bytes("user.none")));
        assertErrno(Errno.E2BIG, () -> export.setxattr(stop("f"), false, bytes("user.big"), new byte[65537], 0));

        try (BackendFile p = export.open(stop("f"), O_PATH, 0).file();
                BackendFile ro = export.open(stop("f"), O_RDONLY, 0).file()) {
            assertArrayEquals(value, p.fgetxattr(bytes("user.a")));
            p.fsetxattr(bytes("user.b"), bytes("bee"), 0);
            assertEquals(List.of("user.a", "user.b"), ro.flistxattr().stream().map(HostExportFixture::string).sorted().toList());
            ro.fremovexattr(bytes("user.a"));
            assertEquals(List.of("b"), view.list());
        }

        Files.createSymbolicLink(root.resolve("l"), Path.of("f"));
        export.setxattr(stop("l"), true, bytes("trusted.link"), bytes("on-link"), 0);
        try (BackendFile link = export.open(stop("l"), O_PATH | O_NOFOLLOW, 0).file()) {
            assertArrayEquals(bytes("on-link"), link.fgetxattr(bytes("trusted.link")));
        }
        assertErrno(Errno.ENODATA, () -> export.getxattr(inRoot("l"), false, bytes("trusted.link")));
        assertTrue(export.listxattr(inRoot("l"), false).stream().map(HostExportFixture::string).toList().contains("user.b"));
        export.removexattr(stop("l"), true, bytes("trusted.link"));
        assertEquals(List.of(), export.listxattr(stop("l"), true));
    }
}
