package io.lisa4j.protocol.message;

import static io.lisa4j.protocol.message.Bodies.builder;
import static io.lisa4j.protocol.message.Bodies.finish;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.AccessReply;
import io.lisa4j.protocol.fb.AttrReply;
import io.lisa4j.protocol.fb.CloseReply;
import io.lisa4j.protocol.fb.Dirent;
import io.lisa4j.protocol.fb.EntryReply;
import io.lisa4j.protocol.fb.FieldError;
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
import io.lisa4j.protocol.fb.StoppedReply;
import io.lisa4j.protocol.fb.UmountReply;
import io.lisa4j.protocol.fb.UnlinkReply;
import io.lisa4j.protocol.fb.XattrChangeReply;
import io.lisa4j.protocol.fb.XattrNamesReply;
import io.lisa4j.protocol.fb.XattrValueReply;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.Negotiated;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One encoder per reply table of lisa4j.fbs. Optional attributes ({@code null}) are left absent,
 * which is how the wire says "not present".
 */
public final class ReplyBodies {
    private ReplyBodies() {}

    // ------------------------------------------------------------ session

    public static ByteBuffer hello(Negotiated n) {
        return hello(n, null);
    }

    /** HELLO's reply, with the side-channel token when FD_DONATION was negotiated (PROTOCOL.md §3.3). */
    public static ByteBuffer hello(Negotiated n, byte[] fdChannelToken) {
        FlatBufferBuilder b = builder();
        int name = b.createString(n.serverName());
        int token = fdChannelToken == null ? 0 : b.createByteVector(fdChannelToken);
        HelloReply.startHelloReply(b);
        HelloReply.addVersion(b, n.version());
        HelloReply.addFeatures(b, n.features());
        HelloReply.addMaxMessageSize(b, Integer.toUnsignedLong(n.maxMessageSize()));
        HelloReply.addServerName(b, name);
        HelloReply.addMaxInFlight(b, Integer.toUnsignedLong(n.maxInFlight()));
        HelloReply.addMaxComponents(b, Integer.toUnsignedLong(n.maxComponents()));
        HelloReply.addMaxNameLength(b, Integer.toUnsignedLong(n.maxNameLength()));
        if (token != 0) {
            HelloReply.addFdChannelToken(b, token);
        }
        return finish(b, HelloReply.endHelloReply(b));
    }

    public static ByteBuffer mount(int fsid, FileAttr root, boolean readOnly) {
        FlatBufferBuilder b = builder();
        MountReply.startMountReply(b);
        MountReply.addFsid(b, Integer.toUnsignedLong(fsid));
        if (root != null) {
            MountReply.addRoot(b, WireValues.attr(b, root));
        }
        MountReply.addReadOnly(b, readOnly);
        return finish(b, MountReply.endMountReply(b));
    }

    public static ByteBuffer umount() {
        FlatBufferBuilder b = builder();
        UmountReply.startUmountReply(b);
        return finish(b, UmountReply.endUmountReply(b));
    }

    public static ByteBuffer ping() {
        FlatBufferBuilder b = builder();
        PingReply.startPingReply(b);
        return finish(b, PingReply.endPingReply(b));
    }

    /** The body of a STOPPED reply; {@code symlink} false means the walk would climb above the root. */
    public static ByteBuffer stopped(boolean symlink, int componentIndex, byte[] target) {
        FlatBufferBuilder b = builder();
        int t = b.createByteVector(target == null ? new byte[0] : target);
        int reason = symlink ? io.lisa4j.protocol.fb.StopReason.Symlink : io.lisa4j.protocol.fb.StopReason.AboveRoot;
        return finish(b, StoppedReply.createStoppedReply(b, reason, Integer.toUnsignedLong(componentIndex), t));
    }

    // ------------------------------------------------------------ path-based

    public static ByteBuffer stat(FileAttr attr) {
        FlatBufferBuilder b = builder();
        StatReply.startStatReply(b);
        addAttr(b, attr, StatReply::addAttr);
        return finish(b, StatReply.endStatReply(b));
    }

    public static ByteBuffer open(long handle, FileAttr attr, boolean created, FileAttr parent) {
        return open(handle, attr, created, parent, false);
    }

    /** OPEN's reply; {@code donated}: the descriptor went out on the side-channel first (PROTOCOL.md §3.3). */
    public static ByteBuffer open(long handle, FileAttr attr, boolean created, FileAttr parent, boolean donated) {
        FlatBufferBuilder b = builder();
        OpenReply.startOpenReply(b);
        OpenReply.addHandle(b, handle);
        addAttr(b, attr, OpenReply::addAttr);
        OpenReply.addCreated(b, created);
        addAttr(b, parent, OpenReply::addParent);
        OpenReply.addDonated(b, donated);
        return finish(b, OpenReply.endOpenReply(b));
    }

    /** MKDIR, MKNOD, SYMLINK and LINK. */
    public static ByteBuffer entry(FileAttr attr, FileAttr parent) {
        FlatBufferBuilder b = builder();
        EntryReply.startEntryReply(b);
        addAttr(b, attr, EntryReply::addAttr);
        addAttr(b, parent, EntryReply::addParent);
        return finish(b, EntryReply.endEntryReply(b));
    }

    /** READLINK and FREADLINK. */
    public static ByteBuffer readlink(byte[] target) {
        FlatBufferBuilder b = builder();
        return finish(b, ReadlinkReply.createReadlinkReply(b, b.createByteVector(target)));
    }

    public static ByteBuffer unlink(FileAttr parent) {
        FlatBufferBuilder b = builder();
        UnlinkReply.startUnlinkReply(b);
        addAttr(b, parent, UnlinkReply::addParent);
        return finish(b, UnlinkReply.endUnlinkReply(b));
    }

    public static ByteBuffer rename(FileAttr oldParent, FileAttr newParent, FileAttr attr, FileAttr exchanged) {
        FlatBufferBuilder b = builder();
        RenameReply.startRenameReply(b);
        addAttr(b, oldParent, RenameReply::addOldParent);
        addAttr(b, newParent, RenameReply::addNewParent);
        addAttr(b, attr, RenameReply::addAttr);
        addAttr(b, exchanged, RenameReply::addExchanged);
        return finish(b, RenameReply.endRenameReply(b));
    }

    /** SETATTR and FSETATTR. */
    public static ByteBuffer setAttr(FileAttr attr, List<FieldFailure> failures) {
        FlatBufferBuilder b = builder();
        int[] errors = new int[failures.size()];
        for (int i = 0; i < errors.length; i++) {
            FieldFailure f = failures.get(i);
            errors[i] = FieldError.createFieldError(b, Integer.toUnsignedLong(f.field()), f.errno());
        }
        int vector = SetAttrReply.createFailuresVector(b, errors);
        SetAttrReply.startSetAttrReply(b);
        addAttr(b, attr, SetAttrReply::addAttr);
        SetAttrReply.addFailures(b, vector);
        return finish(b, SetAttrReply.endSetAttrReply(b));
    }

    /** STATFS and FSTATFS. */
    public static ByteBuffer statFs(FsStat info) {
        FlatBufferBuilder b = builder();
        StatFsReply.startStatFsReply(b);
        StatFsReply.addInfo(b, WireValues.statFs(b, info));
        return finish(b, StatFsReply.endStatFsReply(b));
    }

    public static ByteBuffer access() {
        FlatBufferBuilder b = builder();
        AccessReply.startAccessReply(b);
        return finish(b, AccessReply.endAccessReply(b));
    }

    /** GETXATTR and FGETXATTR. */
    public static ByteBuffer xattrValue(byte[] value) {
        FlatBufferBuilder b = builder();
        return finish(b, XattrValueReply.createXattrValueReply(b, b.createByteVector(value)));
    }

    /** SETXATTR, REMOVEXATTR and their handle forms. */
    public static ByteBuffer xattrChange(FileAttr attr) {
        FlatBufferBuilder b = builder();
        XattrChangeReply.startXattrChangeReply(b);
        addAttr(b, attr, XattrChangeReply::addAttr);
        return finish(b, XattrChangeReply.endXattrChangeReply(b));
    }

    /** LISTXATTR and FLISTXATTR. */
    public static ByteBuffer xattrNames(List<byte[]> names) {
        FlatBufferBuilder b = builder();
        return finish(b, XattrNamesReply.createXattrNamesReply(b, WireValues.components(b, names)));
    }

    // ------------------------------------------------------------ handle-based

    public static ByteBuffer fstat(FileAttr attr) {
        FlatBufferBuilder b = builder();
        FstatReply.startFstatReply(b);
        addAttr(b, attr, FstatReply::addAttr);
        return finish(b, FstatReply.endFstatReply(b));
    }

    /** The body of a PREAD reply; the bytes go in the frame's data section. */
    public static ByteBuffer pread(boolean eof) {
        FlatBufferBuilder b = builder();
        return finish(b, PreadReply.createPreadReply(b, eof));
    }

    public static ByteBuffer pwrite(int written, FileAttr attr) {
        FlatBufferBuilder b = builder();
        PwriteReply.startPwriteReply(b);
        PwriteReply.addWritten(b, Integer.toUnsignedLong(written));
        addAttr(b, attr, PwriteReply::addAttr);
        return finish(b, PwriteReply.endPwriteReply(b));
    }

    public static ByteBuffer fsync() {
        FlatBufferBuilder b = builder();
        FsyncReply.startFsyncReply(b);
        return finish(b, FsyncReply.endFsyncReply(b));
    }

    /** FTRUNCATE and FALLOCATE. */
    public static ByteBuffer attr(FileAttr attr) {
        FlatBufferBuilder b = builder();
        AttrReply.startAttrReply(b);
        addAttr(b, attr, AttrReply::addAttr);
        return finish(b, AttrReply.endAttrReply(b));
    }

    public static ByteBuffer getdents(List<DirEntry> entries, boolean eof) {
        FlatBufferBuilder b = builder();
        int[] offsets = new int[entries.size()];
        for (int i = 0; i < offsets.length; i++) {
            DirEntry e = entries.get(i);
            int name = b.createByteVector(e.name());
            Dirent.startDirent(b);
            Dirent.addName(b, name);
            Dirent.addIno(b, e.ino());
            Dirent.addType(b, e.type());
            Dirent.addCookie(b, e.cookie());
            addAttr(b, e.attr(), Dirent::addAttr);
            offsets[i] = Dirent.endDirent(b);
        }
        int vector = GetdentsReply.createEntriesVector(b, offsets);
        return finish(b, GetdentsReply.createGetdentsReply(b, vector, eof));
    }

    public static ByteBuffer close(int[] results) {
        FlatBufferBuilder b = builder();
        return finish(b, CloseReply.createCloseReply(b, CloseReply.createResultsVector(b, results)));
    }

    private interface StructAdder {
        void add(FlatBufferBuilder b, int offset);
    }

    /** Structs are written inline, so this runs between a table's start and end. */
    private static void addAttr(FlatBufferBuilder b, FileAttr attr, StructAdder adder) {
        if (attr != null) {
            adder.add(b, WireValues.attr(b, attr));
        }
    }
}
