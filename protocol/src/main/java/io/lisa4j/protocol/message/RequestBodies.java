package io.lisa4j.protocol.message;

import static io.lisa4j.protocol.message.Bodies.builder;
import static io.lisa4j.protocol.message.Bodies.finish;
import static io.lisa4j.protocol.message.Bodies.pathRef;
import static io.lisa4j.protocol.message.Bodies.timespec;

import com.google.flatbuffers.FlatBufferBuilder;
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
import io.lisa4j.protocol.fb.FdChannelRequest;
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
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.PathSpec;
import java.nio.ByteBuffer;

/**
 * One encoder per request table of lisa4j.fbs. Each returns the finished FlatBuffers body, ready
 * to be framed; the data section (PWRITE's payload) travels beside it, never inside.
 */
public final class RequestBodies {
    private RequestBodies() {}

    // ------------------------------------------------------------ session

    public static ByteBuffer hello(int minVersion, int maxVersion, long features, int maxMessageSize,
            String clientName) {
        FlatBufferBuilder b = builder();
        int name = b.createString(clientName == null ? "" : clientName);
        HelloRequest.startHelloRequest(b);
        HelloRequest.addMinVersion(b, minVersion);
        HelloRequest.addMaxVersion(b, maxVersion);
        HelloRequest.addFeatures(b, features);
        HelloRequest.addMaxMessageSize(b, Integer.toUnsignedLong(maxMessageSize));
        HelloRequest.addClientName(b, name);
        return finish(b, HelloRequest.endHelloRequest(b));
    }

    public static ByteBuffer mount(byte[] exportName) {
        FlatBufferBuilder b = builder();
        return finish(b, MountRequest.createMountRequest(b, b.createByteVector(exportName)));
    }

    public static ByteBuffer umount() {
        FlatBufferBuilder b = builder();
        UmountRequest.startUmountRequest(b);
        return finish(b, UmountRequest.endUmountRequest(b));
    }

    public static ByteBuffer ping() {
        FlatBufferBuilder b = builder();
        PingRequest.startPingRequest(b);
        return finish(b, PingRequest.endPingRequest(b));
    }

    // ------------------------------------------------------------ path-based

    public static ByteBuffer stat(PathSpec path, boolean nofollow) {
        FlatBufferBuilder b = builder();
        return finish(b, StatRequest.createStatRequest(b, pathRef(b, path), nofollow));
    }

    public static ByteBuffer open(PathSpec path, int flags, int mode) {
        return open(path, flags, mode, false);
    }

    /** OPEN, asking for the host descriptor when {@code donateFd} (FD_DONATION, PROTOCOL.md §3.3). */
    public static ByteBuffer open(PathSpec path, int flags, int mode, boolean donateFd) {
        FlatBufferBuilder b = builder();
        return finish(b, OpenRequest.createOpenRequest(b, pathRef(b, path), unsigned(flags), unsigned(mode),
                donateFd));
    }

    /** FD_CHANNEL: the first frame of a descriptor side-channel connection (PROTOCOL.md §3.3). */
    public static ByteBuffer fdChannel(byte[] token) {
        FlatBufferBuilder b = builder();
        int t = b.createByteVector(token);
        return finish(b, FdChannelRequest.createFdChannelRequest(b, t));
    }

    public static ByteBuffer mkdir(PathSpec path, int mode) {
        FlatBufferBuilder b = builder();
        return finish(b, MkdirRequest.createMkdirRequest(b, pathRef(b, path), unsigned(mode)));
    }

    public static ByteBuffer mknod(PathSpec path, int mode, int rdevMajor, int rdevMinor) {
        FlatBufferBuilder b = builder();
        return finish(b, MknodRequest.createMknodRequest(b, pathRef(b, path), unsigned(mode), unsigned(rdevMajor),
                unsigned(rdevMinor)));
    }

    public static ByteBuffer symlink(PathSpec path, byte[] target) {
        FlatBufferBuilder b = builder();
        int p = pathRef(b, path);
        return finish(b, SymlinkRequest.createSymlinkRequest(b, p, b.createByteVector(target)));
    }

    /** {@code newFsid} 0 means the header's fsid. */
    public static ByteBuffer link(PathSpec oldPath, PathSpec newPath, boolean follow, int newFsid) {
        FlatBufferBuilder b = builder();
        int o = pathRef(b, oldPath);
        int n = pathRef(b, newPath);
        return finish(b, LinkRequest.createLinkRequest(b, o, n, follow, unsigned(newFsid)));
    }

    public static ByteBuffer readlink(PathSpec path) {
        FlatBufferBuilder b = builder();
        return finish(b, ReadlinkRequest.createReadlinkRequest(b, pathRef(b, path)));
    }

    public static ByteBuffer unlink(PathSpec path, int flags) {
        FlatBufferBuilder b = builder();
        return finish(b, UnlinkRequest.createUnlinkRequest(b, pathRef(b, path), unsigned(flags)));
    }

    /** {@code newFsid} 0 means the header's fsid. */
    public static ByteBuffer rename(PathSpec oldPath, PathSpec newPath, int flags, int newFsid) {
        FlatBufferBuilder b = builder();
        int o = pathRef(b, oldPath);
        int n = pathRef(b, newPath);
        return finish(b, RenameRequest.createRenameRequest(b, o, n, unsigned(flags), unsigned(newFsid)));
    }

    public static ByteBuffer setAttr(PathSpec path, boolean nofollow, AttrChange change) {
        FlatBufferBuilder b = builder();
        int p = pathRef(b, path);
        SetAttrRequest.startSetAttrRequest(b);
        SetAttrRequest.addPath(b, p);
        SetAttrRequest.addNofollow(b, nofollow);
        SetAttrRequest.addMask(b, unsigned(change.mask()));
        SetAttrRequest.addMode(b, unsigned(change.mode()));
        SetAttrRequest.addUid(b, unsigned(change.uid()));
        SetAttrRequest.addGid(b, unsigned(change.gid()));
        SetAttrRequest.addSize(b, change.size());
        SetAttrRequest.addAtime(b, timespec(b, change.atime()));
        SetAttrRequest.addMtime(b, timespec(b, change.mtime()));
        return finish(b, SetAttrRequest.endSetAttrRequest(b));
    }

    public static ByteBuffer statFs(PathSpec path) {
        FlatBufferBuilder b = builder();
        return finish(b, StatFsRequest.createStatFsRequest(b, pathRef(b, path)));
    }

    public static ByteBuffer access(PathSpec path, int mode, int flags) {
        FlatBufferBuilder b = builder();
        return finish(b, AccessRequest.createAccessRequest(b, pathRef(b, path), unsigned(mode), unsigned(flags)));
    }

    public static ByteBuffer getXattr(PathSpec path, boolean nofollow, byte[] name) {
        FlatBufferBuilder b = builder();
        int p = pathRef(b, path);
        return finish(b, GetXattrRequest.createGetXattrRequest(b, p, nofollow, b.createByteVector(name)));
    }

    public static ByteBuffer setXattr(PathSpec path, boolean nofollow, byte[] name, byte[] value, int flags) {
        FlatBufferBuilder b = builder();
        int p = pathRef(b, path);
        int n = b.createByteVector(name);
        int v = b.createByteVector(value);
        return finish(b, SetXattrRequest.createSetXattrRequest(b, p, nofollow, n, v, unsigned(flags)));
    }

    public static ByteBuffer listXattr(PathSpec path, boolean nofollow) {
        FlatBufferBuilder b = builder();
        return finish(b, ListXattrRequest.createListXattrRequest(b, pathRef(b, path), nofollow));
    }

    public static ByteBuffer removeXattr(PathSpec path, boolean nofollow, byte[] name) {
        FlatBufferBuilder b = builder();
        int p = pathRef(b, path);
        return finish(b, RemoveXattrRequest.createRemoveXattrRequest(b, p, nofollow, b.createByteVector(name)));
    }

    // ------------------------------------------------------------ handle-based

    /** The body of FSTAT, FSTATFS, FREADLINK and FLISTXATTR, which name nothing but a handle. */
    public static ByteBuffer handle(long handle) {
        FlatBufferBuilder b = builder();
        return finish(b, HandleRequest.createHandleRequest(b, handle));
    }

    public static ByteBuffer pread(long handle, long offset, int length) {
        FlatBufferBuilder b = builder();
        return finish(b, PreadRequest.createPreadRequest(b, handle, offset, unsigned(length)));
    }

    public static ByteBuffer pwrite(long handle, long offset) {
        FlatBufferBuilder b = builder();
        return finish(b, PwriteRequest.createPwriteRequest(b, handle, offset));
    }

    public static ByteBuffer fsync(long handle, boolean datasync) {
        FlatBufferBuilder b = builder();
        return finish(b, FsyncRequest.createFsyncRequest(b, handle, datasync));
    }

    public static ByteBuffer ftruncate(long handle, long size) {
        FlatBufferBuilder b = builder();
        return finish(b, FtruncateRequest.createFtruncateRequest(b, handle, size));
    }

    public static ByteBuffer fallocate(long handle, int mode, long offset, long length) {
        FlatBufferBuilder b = builder();
        return finish(b, FallocateRequest.createFallocateRequest(b, handle, unsigned(mode), offset, length));
    }

    public static ByteBuffer getdents(long handle, long cookie, int maxEntries, boolean withAttrs) {
        FlatBufferBuilder b = builder();
        return finish(b, GetdentsRequest.createGetdentsRequest(b, handle, cookie, unsigned(maxEntries), withAttrs));
    }

    public static ByteBuffer fsetAttr(long handle, AttrChange change) {
        FlatBufferBuilder b = builder();
        FsetAttrRequest.startFsetAttrRequest(b);
        FsetAttrRequest.addHandle(b, handle);
        FsetAttrRequest.addMask(b, unsigned(change.mask()));
        FsetAttrRequest.addMode(b, unsigned(change.mode()));
        FsetAttrRequest.addUid(b, unsigned(change.uid()));
        FsetAttrRequest.addGid(b, unsigned(change.gid()));
        FsetAttrRequest.addSize(b, change.size());
        FsetAttrRequest.addAtime(b, timespec(b, change.atime()));
        FsetAttrRequest.addMtime(b, timespec(b, change.mtime()));
        return finish(b, FsetAttrRequest.endFsetAttrRequest(b));
    }

    public static ByteBuffer fgetXattr(long handle, byte[] name) {
        FlatBufferBuilder b = builder();
        return finish(b, FgetXattrRequest.createFgetXattrRequest(b, handle, b.createByteVector(name)));
    }

    public static ByteBuffer fsetXattr(long handle, byte[] name, byte[] value, int flags) {
        FlatBufferBuilder b = builder();
        int n = b.createByteVector(name);
        int v = b.createByteVector(value);
        return finish(b, FsetXattrRequest.createFsetXattrRequest(b, handle, n, v, unsigned(flags)));
    }

    public static ByteBuffer fremoveXattr(long handle, byte[] name) {
        FlatBufferBuilder b = builder();
        return finish(b, FremoveXattrRequest.createFremoveXattrRequest(b, handle, b.createByteVector(name)));
    }

    public static ByteBuffer close(long... handles) {
        FlatBufferBuilder b = builder();
        int vector = CloseRequest.createHandlesVector(b, handles);
        return finish(b, CloseRequest.createCloseRequest(b, vector));
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
