package io.lisa4j.protocol.message;

import static io.lisa4j.protocol.message.Samples.OTHER_PATH;
import static io.lisa4j.protocol.message.Samples.PATH;
import static io.lisa4j.protocol.message.Samples.RAW_NAME;
import static io.lisa4j.protocol.message.Samples.assertPath;
import static io.lisa4j.protocol.message.Samples.assertTimespec;
import static io.lisa4j.protocol.message.Samples.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.fb.AccessRequest;
import io.lisa4j.protocol.fb.CloseRequest;
import io.lisa4j.protocol.fb.FallocateRequest;
import io.lisa4j.protocol.fb.FgetXattrRequest;
import io.lisa4j.protocol.fb.FremoveXattrRequest;
import io.lisa4j.protocol.fb.FsetAttrRequest;
import io.lisa4j.protocol.fb.FsetXattrRequest;
import io.lisa4j.protocol.fb.FsyncRequest;
import io.lisa4j.protocol.fb.FtruncateRequest;
import io.lisa4j.protocol.fb.GetXattrRequest;
import io.lisa4j.protocol.fb.GetdentsRequest;
import io.lisa4j.protocol.fb.HandleRequest;
import io.lisa4j.protocol.fb.HelloRequest;
import io.lisa4j.protocol.fb.LinkRequest;
import io.lisa4j.protocol.fb.ListXattrRequest;
import io.lisa4j.protocol.fb.MkdirRequest;
import io.lisa4j.protocol.fb.MknodRequest;
import io.lisa4j.protocol.fb.MountRequest;
import io.lisa4j.protocol.fb.OpenRequest;
import io.lisa4j.protocol.fb.PingRequest;
import io.lisa4j.protocol.fb.PreadRequest;
import io.lisa4j.protocol.fb.PwriteRequest;
import io.lisa4j.protocol.fb.ReadlinkRequest;
import io.lisa4j.protocol.fb.RemoveXattrRequest;
import io.lisa4j.protocol.fb.RenameRequest;
import io.lisa4j.protocol.fb.SetAttrRequest;
import io.lisa4j.protocol.fb.SetXattrRequest;
import io.lisa4j.protocol.fb.StatFsRequest;
import io.lisa4j.protocol.fb.StatRequest;
import io.lisa4j.protocol.fb.SymlinkRequest;
import io.lisa4j.protocol.fb.UmountRequest;
import io.lisa4j.protocol.fb.UnlinkRequest;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.Timestamp;
import org.junit.jupiter.api.Test;

/** Every request table: encode with RequestBodies, decode with the generated accessors, compare. */
class RequestBodiesTest {
    private static final long HANDLE = 0xfedc_ba98_7654_3210L;
    private static final byte[] VALUE = {0, (byte) 0xff, 1, (byte) 0x80};

    @Test
    void hello() {
        HelloRequest h = HelloRequest.getRootAsHelloRequest(RequestBodies.hello(1, 3, 0x3, 0xffff_0000, "cli\u00e9"));
        assertEquals(1, h.minVersion());
        assertEquals(3, h.maxVersion());
        assertEquals(3, h.features());
        assertEquals(0xffff_0000L, h.maxMessageSize());
        assertEquals("cli\u00e9", h.clientName());
    }

    @Test
    void sessionTables() {
        assertArrayEquals(RAW_NAME, bytes(MountRequest.getRootAsMountRequest(RequestBodies.mount(RAW_NAME))
                .exportNameAsByteBuffer()));
        UmountRequest.getRootAsUmountRequest(RequestBodies.umount());
        PingRequest.getRootAsPingRequest(RequestBodies.ping());
        assertTrue(RequestBodies.umount().remaining() > 0, "an empty table is still a valid root");
    }

    @Test
    void stat() throws Exception {
        StatRequest s = StatRequest.getRootAsStatRequest(RequestBodies.stat(PATH, true));
        assertPath(PATH, s.path());
        assertTrue(s.nofollow());
        assertFalse(StatRequest.getRootAsStatRequest(RequestBodies.stat(OTHER_PATH, false)).nofollow());
    }

    @Test
    void open() throws Exception {
        int flags = ProtocolConstants.O_CREAT | ProtocolConstants.O_PATH | ProtocolConstants.O_RDWR;
        OpenRequest o = OpenRequest.getRootAsOpenRequest(RequestBodies.open(PATH, flags, 0644));
        assertPath(PATH, o.path());
        assertEquals(flags, o.flags());
        assertEquals(0644, o.mode());
    }

    @Test
    void mkdirMknodSymlink() throws Exception {
        MkdirRequest m = MkdirRequest.getRootAsMkdirRequest(RequestBodies.mkdir(PATH, 0755));
        assertPath(PATH, m.path());
        assertEquals(0755, m.mode());

        MknodRequest n = MknodRequest.getRootAsMknodRequest(
                RequestBodies.mknod(OTHER_PATH, ProtocolConstants.S_IFCHR | 0600, 0xffffffff, 9));
        assertPath(OTHER_PATH, n.path());
        assertEquals(ProtocolConstants.S_IFCHR | 0600, n.mode());
        assertEquals(0xffffffffL, n.rdevMajor());
        assertEquals(9, n.rdevMinor());

        SymlinkRequest s = SymlinkRequest.getRootAsSymlinkRequest(RequestBodies.symlink(PATH, RAW_NAME));
        assertPath(PATH, s.path());
        assertArrayEquals(RAW_NAME, bytes(s.targetAsByteBuffer()));
    }

    @Test
    void linkAndRename() throws Exception {
        LinkRequest l = LinkRequest.getRootAsLinkRequest(RequestBodies.link(PATH, OTHER_PATH, true, 0xfffffff0));
        assertPath(PATH, l.oldPath());
        assertPath(OTHER_PATH, l.newPath());
        assertTrue(l.follow());
        assertEquals(0xfffffff0L, l.newFsid());

        RenameRequest r = RenameRequest.getRootAsRenameRequest(
                RequestBodies.rename(OTHER_PATH, PATH, ProtocolConstants.RENAME_EXCHANGE, 7));
        assertPath(OTHER_PATH, r.oldPath());
        assertPath(PATH, r.newPath());
        assertEquals(ProtocolConstants.RENAME_EXCHANGE, r.flags());
        assertEquals(7, r.newFsid());
    }

    @Test
    void readlinkUnlinkStatFsAccess() throws Exception {
        assertPath(PATH, ReadlinkRequest.getRootAsReadlinkRequest(RequestBodies.readlink(PATH)).path());

        UnlinkRequest u = UnlinkRequest.getRootAsUnlinkRequest(RequestBodies.unlink(PATH, ProtocolConstants.AT_REMOVEDIR));
        assertPath(PATH, u.path());
        assertEquals(ProtocolConstants.AT_REMOVEDIR, u.flags());

        assertPath(OTHER_PATH, StatFsRequest.getRootAsStatFsRequest(RequestBodies.statFs(OTHER_PATH)).path());

        AccessRequest a = AccessRequest.getRootAsAccessRequest(RequestBodies.access(PATH,
                ProtocolConstants.R_OK | ProtocolConstants.X_OK, ProtocolConstants.AT_EACCESS));
        assertPath(PATH, a.path());
        assertEquals(ProtocolConstants.R_OK | ProtocolConstants.X_OK, a.mode());
        assertEquals(ProtocolConstants.AT_EACCESS, a.flags());
    }

    private static final AttrChange CHANGE = AttrChange.none().withMode(04755).withUid(0xfffffffe).withGid(5)
            .withSize(1L << 41).withAtime(new Timestamp(-1, 999_999_999)).withMtimeNow();

    @Test
    void setAttr() throws Exception {
        SetAttrRequest s = SetAttrRequest.getRootAsSetAttrRequest(RequestBodies.setAttr(PATH, true, CHANGE));
        assertPath(PATH, s.path());
        assertTrue(s.nofollow());
        assertChange(s.mask(), s.mode(), s.uid(), s.gid(), s.size(), s.atime(), s.mtime());
    }

    @Test
    void fsetAttr() {
        FsetAttrRequest s = FsetAttrRequest.getRootAsFsetAttrRequest(RequestBodies.fsetAttr(HANDLE, CHANGE));
        assertEquals(HANDLE, s.handle());
        assertChange(s.mask(), s.mode(), s.uid(), s.gid(), s.size(), s.atime(), s.mtime());
    }

    /** SETATTR and FSETATTR carry the same change fields in differently generated tables. */
    private static void assertChange(long mask, long mode, long uid, long gid, long size,
            io.lisa4j.protocol.fb.Timespec atime, io.lisa4j.protocol.fb.Timespec mtime) {
        assertEquals(CHANGE.mask(), mask);
        assertEquals(04755, mode);
        assertEquals(0xfffffffeL, uid);
        assertEquals(5, gid);
        assertEquals(1L << 41, size);
        assertTimespec(CHANGE.atime(), atime);
        assertTimespec(CHANGE.mtime(), mtime);
    }

    @Test
    void pathXattrs() throws Exception {
        GetXattrRequest g = GetXattrRequest.getRootAsGetXattrRequest(RequestBodies.getXattr(PATH, true, RAW_NAME));
        assertPath(PATH, g.path());
        assertTrue(g.nofollow());
        assertArrayEquals(RAW_NAME, bytes(g.nameAsByteBuffer()));

        SetXattrRequest s = SetXattrRequest.getRootAsSetXattrRequest(
                RequestBodies.setXattr(OTHER_PATH, false, RAW_NAME, VALUE, ProtocolConstants.XATTR_REPLACE));
        assertPath(OTHER_PATH, s.path());
        assertFalse(s.nofollow());
        assertArrayEquals(RAW_NAME, bytes(s.nameAsByteBuffer()));
        assertArrayEquals(VALUE, bytes(s.valueAsByteBuffer()));
        assertEquals(ProtocolConstants.XATTR_REPLACE, s.flags());

        ListXattrRequest l = ListXattrRequest.getRootAsListXattrRequest(RequestBodies.listXattr(PATH, true));
        assertPath(PATH, l.path());
        assertTrue(l.nofollow());

        RemoveXattrRequest r = RemoveXattrRequest.getRootAsRemoveXattrRequest(
                RequestBodies.removeXattr(PATH, true, RAW_NAME));
        assertPath(PATH, r.path());
        assertTrue(r.nofollow());
        assertArrayEquals(RAW_NAME, bytes(r.nameAsByteBuffer()));
    }

    @Test
    void handleTables() {
        assertEquals(HANDLE, HandleRequest.getRootAsHandleRequest(RequestBodies.handle(HANDLE)).handle());

        PreadRequest p = PreadRequest.getRootAsPreadRequest(RequestBodies.pread(HANDLE, Long.MAX_VALUE, 0xffff_ffff));
        assertEquals(HANDLE, p.handle());
        assertEquals(Long.MAX_VALUE, p.offset());
        assertEquals(0xffff_ffffL, p.length());

        PwriteRequest w = PwriteRequest.getRootAsPwriteRequest(RequestBodies.pwrite(HANDLE, 1L << 50));
        assertEquals(HANDLE, w.handle());
        assertEquals(1L << 50, w.offset());

        FsyncRequest f = FsyncRequest.getRootAsFsyncRequest(RequestBodies.fsync(HANDLE, true));
        assertEquals(HANDLE, f.handle());
        assertTrue(f.datasync());

        FtruncateRequest t = FtruncateRequest.getRootAsFtruncateRequest(RequestBodies.ftruncate(HANDLE, 12345));
        assertEquals(HANDLE, t.handle());
        assertEquals(12345, t.size());

        FallocateRequest a = FallocateRequest.getRootAsFallocateRequest(
                RequestBodies.fallocate(HANDLE, ProtocolConstants.FALLOC_FL_KEEP_SIZE, 4096, 1L << 33));
        assertEquals(HANDLE, a.handle());
        assertEquals(ProtocolConstants.FALLOC_FL_KEEP_SIZE, a.mode());
        assertEquals(4096, a.offset());
        assertEquals(1L << 33, a.length());

        GetdentsRequest g = GetdentsRequest.getRootAsGetdentsRequest(RequestBodies.getdents(HANDLE, -2L, 512, true));
        assertEquals(HANDLE, g.handle());
        assertEquals(-2L, g.cookie());
        assertEquals(512, g.maxEntries());
        assertTrue(g.withAttrs());
    }

    @Test
    void handleXattrs() {
        FgetXattrRequest g = FgetXattrRequest.getRootAsFgetXattrRequest(RequestBodies.fgetXattr(HANDLE, RAW_NAME));
        assertEquals(HANDLE, g.handle());
        assertArrayEquals(RAW_NAME, bytes(g.nameAsByteBuffer()));

        FsetXattrRequest s = FsetXattrRequest.getRootAsFsetXattrRequest(
                RequestBodies.fsetXattr(HANDLE, RAW_NAME, VALUE, ProtocolConstants.XATTR_CREATE));
        assertEquals(HANDLE, s.handle());
        assertArrayEquals(RAW_NAME, bytes(s.nameAsByteBuffer()));
        assertArrayEquals(VALUE, bytes(s.valueAsByteBuffer()));
        assertEquals(ProtocolConstants.XATTR_CREATE, s.flags());

        FremoveXattrRequest r = FremoveXattrRequest.getRootAsFremoveXattrRequest(
                RequestBodies.fremoveXattr(HANDLE, RAW_NAME));
        assertEquals(HANDLE, r.handle());
        assertArrayEquals(RAW_NAME, bytes(r.nameAsByteBuffer()));
    }

    @Test
    void close() {
        CloseRequest c = CloseRequest.getRootAsCloseRequest(RequestBodies.close(HANDLE, 1, -1L));
        assertEquals(3, c.handlesLength());
        assertEquals(HANDLE, c.handles(0));
        assertEquals(1, c.handles(1));
        assertEquals(-1L, c.handles(2));
    }

    @Test
    void attrChangeMaskTracksFieldsAndNowBitsExcludeExplicitTimes() {
        AttrChange c = AttrChange.none().withAtime(new Timestamp(1, 2)).withAtimeNow();
        assertTrue(c.has(ProtocolConstants.SETATTR_ATIME_NOW));
        assertFalse(c.has(ProtocolConstants.SETATTR_ATIME));
        assertEquals(0, AttrChange.none().mask());
        assertEquals(ProtocolConstants.SETATTR_MODE | ProtocolConstants.SETATTR_SIZE,
                AttrChange.none().withMode(0).withSize(0).mask());
    }
}
