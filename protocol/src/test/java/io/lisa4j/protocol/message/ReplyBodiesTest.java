package io.lisa4j.protocol.message;

import static io.lisa4j.protocol.message.Samples.RAW_NAME;
import static io.lisa4j.protocol.message.Samples.attr;
import static io.lisa4j.protocol.message.Samples.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.AccessReply;
import io.lisa4j.protocol.fb.AttrReply;
import io.lisa4j.protocol.fb.CloseReply;
import io.lisa4j.protocol.fb.Dirent;
import io.lisa4j.protocol.fb.EntryReply;
import io.lisa4j.protocol.fb.FstatReply;
import io.lisa4j.protocol.fb.FsyncReply;
import io.lisa4j.protocol.fb.GetdentsReply;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.PingReply;
import io.lisa4j.protocol.fb.PreadReply;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.protocol.fb.ReadlinkReply;
import io.lisa4j.protocol.fb.RenameReply;
import io.lisa4j.protocol.fb.SetAttrReply;
import io.lisa4j.protocol.fb.StatFsReply;
import io.lisa4j.protocol.fb.StatReply;
import io.lisa4j.protocol.fb.StopReason;
import io.lisa4j.protocol.fb.StoppedReply;
import io.lisa4j.protocol.fb.UmountReply;
import io.lisa4j.protocol.fb.UnlinkReply;
import io.lisa4j.protocol.fb.XattrChangeReply;
import io.lisa4j.protocol.fb.XattrNamesReply;
import io.lisa4j.protocol.fb.XattrValueReply;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.Negotiated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reply table: encode with ReplyBodies, decode with the generated accessors, compare. */
class ReplyBodiesTest {

    @Test
    void hello() {
        Negotiated n = new Negotiated(1, 0x2, 0xfff0_0000, "srv\u00e9", 256, 4096, 255);
        HelloReply h = HelloReply.getRootAsHelloReply(ReplyBodies.hello(n));
        assertEquals(1, h.version());
        assertEquals(2, h.features());
        assertEquals(0xfff0_0000L, h.maxMessageSize());
        assertEquals("srv\u00e9", h.serverName());
        assertEquals(256, h.maxInFlight());
        assertEquals(4096, h.maxComponents());
        assertEquals(255, h.maxNameLength());
    }

    @Test
    void mountUmountPingStopped() {
        MountReply m = MountReply.getRootAsMountReply(ReplyBodies.mount(0xffff_fff1, attr(1), true));
        assertEquals(0xffff_fff1L, m.fsid());
        assertEquals(attr(1), WireValues.attr(m.root()));
        assertTrue(m.readOnly());

        UmountReply.getRootAsUmountReply(ReplyBodies.umount());
        PingReply.getRootAsPingReply(ReplyBodies.ping());

        StoppedReply s = StoppedReply.getRootAsStoppedReply(ReplyBodies.stopped(true, 2, RAW_NAME));
        assertEquals(StopReason.Symlink, s.reason());
        assertEquals(2, s.componentIndex());
        assertArrayEquals(RAW_NAME, bytes(s.targetAsByteBuffer()));
        StoppedReply above = StoppedReply.getRootAsStoppedReply(ReplyBodies.stopped(false, 0, null));
        assertEquals(StopReason.AboveRoot, above.reason());
        assertEquals(0, above.targetLength());
    }

    @Test
    void attributeReplies() {
        assertEquals(attr(2), WireValues.attr(StatReply.getRootAsStatReply(ReplyBodies.stat(attr(2))).attr()));
        assertEquals(attr(3), WireValues.attr(FstatReply.getRootAsFstatReply(ReplyBodies.fstat(attr(3))).attr()));
        assertEquals(attr(4), WireValues.attr(AttrReply.getRootAsAttrReply(ReplyBodies.attr(attr(4))).attr()));
        assertEquals(attr(5), WireValues.attr(
                XattrChangeReply.getRootAsXattrChangeReply(ReplyBodies.xattrChange(attr(5))).attr()));
        assertEquals(attr(6), WireValues.attr(UnlinkReply.getRootAsUnlinkReply(ReplyBodies.unlink(attr(6))).parent()));
        assertNull(StatReply.getRootAsStatReply(ReplyBodies.stat(null)).attr(), "absent stays absent");
    }

    @Test
    void open() {
        OpenReply o = OpenReply.getRootAsOpenReply(ReplyBodies.open(-7L, attr(1), true, attr(2)));
        assertEquals(-7L, o.handle());
        assertEquals(attr(1), WireValues.attr(o.attr()));
        assertTrue(o.created());
        assertEquals(attr(2), WireValues.attr(o.parent()));

        OpenReply existing = OpenReply.getRootAsOpenReply(ReplyBodies.open(9, attr(1), false, null));
        assertFalse(existing.created());
        assertNull(existing.parent());
    }

    @Test
    void entryAndRename() {
        EntryReply e = EntryReply.getRootAsEntryReply(ReplyBodies.entry(attr(1), attr(2)));
        assertEquals(attr(1), WireValues.attr(e.attr()));
        assertEquals(attr(2), WireValues.attr(e.parent()));

        RenameReply r = RenameReply.getRootAsRenameReply(ReplyBodies.rename(attr(1), attr(2), attr(3), attr(4)));
        assertEquals(attr(1), WireValues.attr(r.oldParent()));
        assertEquals(attr(2), WireValues.attr(r.newParent()));
        assertEquals(attr(3), WireValues.attr(r.attr()));
        assertEquals(attr(4), WireValues.attr(r.exchanged()));
        assertNull(RenameReply.getRootAsRenameReply(ReplyBodies.rename(attr(1), attr(1), attr(1), null)).exchanged());
    }

    @Test
    void setAttr() {
        List<FieldFailure> failures = List.of(new FieldFailure(ProtocolConstants.SETATTR_UID, 1),
                new FieldFailure(ProtocolConstants.SETATTR_MTIME_NOW, 30));
        SetAttrReply s = SetAttrReply.getRootAsSetAttrReply(ReplyBodies.setAttr(attr(8), failures));
        assertEquals(attr(8), WireValues.attr(s.attr()));
        assertEquals(2, s.failuresLength());
        for (int i = 0; i < 2; i++) {
            assertEquals(failures.get(i), new FieldFailure((int) s.failures(i).field(), s.failures(i).errno()));
        }
    }

    @Test
    void statFsAccessFsync() {
        assertEquals(Samples.fsStat(), WireValues.statFs(
                StatFsReply.getRootAsStatFsReply(ReplyBodies.statFs(Samples.fsStat())).info()));
        AccessReply.getRootAsAccessReply(ReplyBodies.access());
        FsyncReply.getRootAsFsyncReply(ReplyBodies.fsync());
    }

    @Test
    void bytesReplies() {
        assertArrayEquals(RAW_NAME, bytes(ReadlinkReply.getRootAsReadlinkReply(ReplyBodies.readlink(RAW_NAME))
                .targetAsByteBuffer()));
        byte[] value = new byte[70_000];
        value[69_999] = (byte) 0xff;
        assertArrayEquals(value, bytes(XattrValueReply.getRootAsXattrValueReply(ReplyBodies.xattrValue(value))
                .valueAsByteBuffer()));

        XattrNamesReply x = XattrNamesReply.getRootAsXattrNamesReply(
                ReplyBodies.xattrNames(List.of("user.a".getBytes(), RAW_NAME)));
        assertEquals(2, x.namesLength());
        assertArrayEquals("user.a".getBytes(), bytes(x.names(0).nameAsByteBuffer()));
        assertArrayEquals(RAW_NAME, bytes(x.names(1).nameAsByteBuffer()));
    }

    @Test
    void dataReplies() {
        assertTrue(PreadReply.getRootAsPreadReply(ReplyBodies.pread(true)).eof());
        assertFalse(PreadReply.getRootAsPreadReply(ReplyBodies.pread(false)).eof());

        PwriteReply w = PwriteReply.getRootAsPwriteReply(ReplyBodies.pwrite(0xffff_ffff, attr(9)));
        assertEquals(0xffff_ffffL, w.written());
        assertEquals(attr(9), WireValues.attr(w.attr()));
    }

    @Test
    void getdents() {
        List<DirEntry> entries = List.of(
                new DirEntry(RAW_NAME, Long.MIN_VALUE, ProtocolConstants.DT_LNK, 1, null),
                new DirEntry("b".getBytes(), 2, ProtocolConstants.DT_DIR, Long.MAX_VALUE, attr(3)));
        GetdentsReply g = GetdentsReply.getRootAsGetdentsReply(ReplyBodies.getdents(entries, true));
        assertTrue(g.eof());
        assertEquals(2, g.entriesLength());
        for (int i = 0; i < 2; i++) {
            Dirent d = g.entries(i);
            DirEntry decoded = new DirEntry(bytes(d.nameAsByteBuffer()), d.ino(), d.type(), d.cookie(),
                    WireValues.attr(d.attr()));
            assertEquals(entries.get(i), decoded);
        }
    }

    @Test
    void close() {
        CloseReply c = CloseReply.getRootAsCloseReply(ReplyBodies.close(new int[] {0, 9, -1}));
        assertEquals(3, c.resultsLength());
        assertEquals(0, c.results(0));
        assertEquals(9, c.results(1));
        assertEquals(-1, c.results(2));
    }
}
