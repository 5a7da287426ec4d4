package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.EntryReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.ReadlinkReply;
import io.lisa4j.protocol.fb.RenameReply;
import io.lisa4j.protocol.fb.SetAttrReply;
import io.lisa4j.protocol.fb.StatFsReply;
import io.lisa4j.protocol.fb.StatReply;
import io.lisa4j.protocol.fb.UnlinkReply;
import io.lisa4j.protocol.fb.XattrChangeReply;
import io.lisa4j.protocol.fb.XattrNamesReply;
import io.lisa4j.protocol.fb.XattrValueReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The async form of {@link RemoteFs}: the same calls, each one RPC, each returning a future that
 * completes on the connection's I/O thread. Do not block in its callbacks; chain further async
 * calls instead. The blocking form is built on this one, so each operation is encoded once.
 */
public final class AsyncRemoteFs {
    private final Connection connection;
    private final int fsid;
    private final FileAttr rootAttr;
    private final boolean readOnly;
    private final ResolveMode defaultMode;

    AsyncRemoteFs(Connection connection, int fsid, FileAttr rootAttr, boolean readOnly, ResolveMode defaultMode) {
        this.connection = connection;
        this.fsid = fsid;
        this.rootAttr = rootAttr;
        this.readOnly = readOnly;
        this.defaultMode = defaultMode;
    }

    public int fsid() {
        return fsid;
    }

    /** The export root's attributes as MOUNT reported them. */
    public FileAttr rootAttr() {
        return rootAttr;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public ResolveMode resolveMode() {
        return defaultMode;
    }

    /** The same mount, walking paths in {@code mode} unless a path says otherwise. */
    public AsyncRemoteFs withResolveMode(ResolveMode mode) {
        return new AsyncRemoteFs(connection, fsid, rootAttr, readOnly, mode);
    }

    /** The blocking form of this mount. */
    public RemoteFs blocking() {
        return new RemoteFs(this);
    }

    Connection connection() {
        return connection;
    }

    <T> CompletableFuture<T> submit(int opcode, ByteBuffer body, ReplyDecoder<T> decoder) {
        return connection.submit(new Call<>(opcode, fsid, body, decoder));
    }

    private PathSpec spec(RemotePath path) {
        return new PathSpec(path.baseHandle(), path.rawComponents(), path.mode() == null ? defaultMode : path.mode());
    }

    // ------------------------------------------------------------ session-level

    public CompletableFuture<Void> umount() {
        connection.mounts().unmounted(fsid);
        // A lost connection took the mount with it: there is nothing left to undo.
        return submit(Opcode.Umount, RequestBodies.umount(), r -> (Void) null)
                .exceptionallyCompose(e -> ConnectionLostException.in(e) != null ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(e));
    }

    /** Closes all {@code files} with one CLOSE; the result holds one errno per file (0 = closed). */
    public CompletableFuture<List<Integer>> closeAll(RemoteFile... files) {
        long[] handles = Arrays.stream(files).mapToLong(RemoteFile::handle).toArray();
        for (RemoteFile f : files) {
            f.async().markClosed();
            connection().files().closed(f.async());
            f.async().closeLocal();
        }
        return submit(Opcode.Close, RequestBodies.close(handles), AsyncRemoteFile::closeResults);
    }

    // ------------------------------------------------------------ attributes

    public CompletableFuture<FileAttr> stat(RemotePath path) {
        return submit(Opcode.Stat, RequestBodies.stat(spec(path), false), AsyncRemoteFs::statAttr);
    }

    public CompletableFuture<FileAttr> lstat(RemotePath path) {
        return submit(Opcode.Stat, RequestBodies.stat(spec(path), true), AsyncRemoteFs::statAttr);
    }

    private static FileAttr statAttr(Frame r) {
        return WireValues.attr(StatReply.getRootAsStatReply(Replies.body(r)).attr());
    }

    public CompletableFuture<SetAttrResult> setattr(RemotePath path, AttrChange change) {
        return submit(Opcode.SetAttr, RequestBodies.setAttr(spec(path), false, change), AsyncRemoteFs::setAttrResult);
    }

    /** SETATTR on a final symlink itself rather than its target. */
    public CompletableFuture<SetAttrResult> lsetattr(RemotePath path, AttrChange change) {
        return submit(Opcode.SetAttr, RequestBodies.setAttr(spec(path), true, change), AsyncRemoteFs::setAttrResult);
    }

    /** The result when every field was applied; SetAttrException, holding it, when some failed. */
    static SetAttrResult setAttrResult(Frame r) throws SetAttrException {
        SetAttrReply s = SetAttrReply.getRootAsSetAttrReply(Replies.body(r));
        SetAttrResult result = new SetAttrResult(WireValues.attr(s.attr()),
                Replies.failures(s.failuresLength(), s::failures));
        if (!result.fullyApplied()) {
            throw new SetAttrException(result);
        }
        return result;
    }

    public CompletableFuture<FsStat> statfs(RemotePath path) {
        return submit(Opcode.StatFs, RequestBodies.statFs(spec(path)), AsyncRemoteFs::statFsInfo);
    }

    static FsStat statFsInfo(Frame r) {
        return WireValues.statFs(StatFsReply.getRootAsStatFsReply(Replies.body(r)).info());
    }

    /** access(2): {@code mode} is F_OK or R_OK|W_OK|X_OK; {@code flags} AT_EACCESS, AT_SYMLINK_NOFOLLOW. */
    public CompletableFuture<Void> access(RemotePath path, int mode, int flags) {
        return submit(Opcode.Access, RequestBodies.access(spec(path), mode, flags), r -> null);
    }

    // ------------------------------------------------------------ open

    /**
     * open(2) with Linux flags (ProtocolConstants.O_*); {@code mode} applies when O_CREAT creates.
     * On a Unix socket with FD_DONATION, the server also hands over the host descriptor of a
     * regular file, and the file's pread, pwrite and size then run locally (PROTOCOL.md §3.3).
     */
    public CompletableFuture<RemoteFile> open(RemotePath path, int flags, int mode) {
        int generation = connection.generation();
        FdChannel fds = connection.fdChannel();
        boolean donate = fds != null && (flags & ProtocolConstants.O_PATH) == 0;
        RemotePath where = path.mode() == null ? path.withMode(defaultMode) : path;
        return connection.submit(new Call<>(Opcode.Open, fsid, RequestBodies.open(spec(path), flags, mode, donate), r -> {
            OpenReply o = OpenReply.getRootAsOpenReply(Replies.body(r));
            DonatedFd local = o.donated() && fds != null ? new DonatedFd(fds.take(r.requestId())) : null;
            AsyncRemoteFile file = new AsyncRemoteFile(this, o.handle(), generation, where, flags,
                    WireValues.attr(o.attr()), o.created(), WireValues.attr(o.parent()), local);
            connection.files().opened(file);
            return file.blocking();
        }), generation);
    }

    // ------------------------------------------------------------ directory entries

    public CompletableFuture<EntryResult> mkdir(RemotePath path, int mode) {
        return submit(Opcode.Mkdir, RequestBodies.mkdir(spec(path), mode), AsyncRemoteFs::entry);
    }

    /** mknod(2): {@code mode} carries the file type (S_IFREG, S_IFIFO, ...) and permission bits. */
    public CompletableFuture<EntryResult> mknod(RemotePath path, int mode, int rdevMajor, int rdevMinor) {
        return submit(Opcode.Mknod, RequestBodies.mknod(spec(path), mode, rdevMajor, rdevMinor), AsyncRemoteFs::entry);
    }

    /** Creates a symlink at {@code path} holding {@code target}'s raw bytes. */
    public CompletableFuture<EntryResult> symlink(byte[] target, RemotePath path) {
        return submit(Opcode.Symlink, RequestBodies.symlink(spec(path), target), AsyncRemoteFs::entry);
    }

    /** linkat(2); {@code flags} may hold AT_SYMLINK_FOLLOW to link a final symlink's target. */
    public CompletableFuture<EntryResult> link(RemotePath existing, RemotePath newPath, int flags) {
        boolean follow = (flags & ProtocolConstants.AT_SYMLINK_FOLLOW) != 0;
        return submit(Opcode.Link, RequestBodies.link(spec(existing), spec(newPath), follow, 0), AsyncRemoteFs::entry);
    }

    private static EntryResult entry(Frame r) {
        EntryReply e = EntryReply.getRootAsEntryReply(Replies.body(r));
        return new EntryResult(WireValues.attr(e.attr()), WireValues.attr(e.parent()));
    }

    public CompletableFuture<byte[]> readlink(RemotePath path) {
        return submit(Opcode.Readlink, RequestBodies.readlink(spec(path)), AsyncRemoteFs::linkTarget);
    }

    static byte[] linkTarget(Frame r) {
        return Replies.bytes(ReadlinkReply.getRootAsReadlinkReply(Replies.body(r)).targetAsByteBuffer());
    }

    /** unlinkat(2); {@code flags} AT_REMOVEDIR removes a directory. Returns the parent afterwards. */
    public CompletableFuture<FileAttr> unlink(RemotePath path, int flags) {
        return submit(Opcode.Unlink, RequestBodies.unlink(spec(path), flags),
                r -> WireValues.attr(UnlinkReply.getRootAsUnlinkReply(Replies.body(r)).parent()));
    }

    /** unlinkat with AT_REMOVEDIR. */
    public CompletableFuture<FileAttr> rmdir(RemotePath path) {
        return unlink(path, ProtocolConstants.AT_REMOVEDIR);
    }

    /** renameat2(2); {@code flags} RENAME_NOREPLACE or RENAME_EXCHANGE. */
    public CompletableFuture<RenameResult> rename(RemotePath from, RemotePath to, int flags) {
        return submit(Opcode.Rename, RequestBodies.rename(spec(from), spec(to), flags, 0), r -> {
            RenameReply x = RenameReply.getRootAsRenameReply(Replies.body(r));
            return new RenameResult(WireValues.attr(x.oldParent()), WireValues.attr(x.newParent()),
                    WireValues.attr(x.attr()), WireValues.attr(x.exchanged()));
        });
    }

    // ------------------------------------------------------------ extended attributes

    public CompletableFuture<byte[]> getxattr(RemotePath path, String name) {
        return getxattr(path, XattrName.of(name));
    }

    public CompletableFuture<byte[]> getxattr(RemotePath path, XattrName name) {
        return submit(Opcode.GetXattr, RequestBodies.getXattr(spec(path), false, name.raw()), AsyncRemoteFs::xattrValue);
    }

    public CompletableFuture<byte[]> lgetxattr(RemotePath path, String name) {
        return lgetxattr(path, XattrName.of(name));
    }

    public CompletableFuture<byte[]> lgetxattr(RemotePath path, XattrName name) {
        return submit(Opcode.GetXattr, RequestBodies.getXattr(spec(path), true, name.raw()), AsyncRemoteFs::xattrValue);
    }

    public CompletableFuture<FileAttr> setxattr(RemotePath path, String name, byte[] value, int flags) {
        return setxattr(path, XattrName.of(name), value, flags);
    }

    public CompletableFuture<FileAttr> setxattr(RemotePath path, XattrName name, byte[] value, int flags) {
        return submit(Opcode.SetXattr, RequestBodies.setXattr(spec(path), false, name.raw(), value, flags),
                AsyncRemoteFs::xattrChange);
    }

    public CompletableFuture<FileAttr> lsetxattr(RemotePath path, String name, byte[] value, int flags) {
        return lsetxattr(path, XattrName.of(name), value, flags);
    }

    public CompletableFuture<FileAttr> lsetxattr(RemotePath path, XattrName name, byte[] value, int flags) {
        return submit(Opcode.SetXattr, RequestBodies.setXattr(spec(path), true, name.raw(), value, flags),
                AsyncRemoteFs::xattrChange);
    }

    /** The names as UTF-8 strings (U+FFFD for bytes that are not); {@link #listxattrNames} keeps the bytes. */
    public CompletableFuture<List<String>> listxattr(RemotePath path) {
        return listxattrNames(path).thenApply(AsyncRemoteFs::strings);
    }

    public CompletableFuture<List<XattrName>> listxattrNames(RemotePath path) {
        return submit(Opcode.ListXattr, RequestBodies.listXattr(spec(path), false), AsyncRemoteFs::xattrNames);
    }

    public CompletableFuture<List<String>> llistxattr(RemotePath path) {
        return llistxattrNames(path).thenApply(AsyncRemoteFs::strings);
    }

    public CompletableFuture<List<XattrName>> llistxattrNames(RemotePath path) {
        return submit(Opcode.ListXattr, RequestBodies.listXattr(spec(path), true), AsyncRemoteFs::xattrNames);
    }

    public CompletableFuture<FileAttr> removexattr(RemotePath path, String name) {
        return removexattr(path, XattrName.of(name));
    }

    public CompletableFuture<FileAttr> removexattr(RemotePath path, XattrName name) {
        return submit(Opcode.RemoveXattr, RequestBodies.removeXattr(spec(path), false, name.raw()),
                AsyncRemoteFs::xattrChange);
    }

    public CompletableFuture<FileAttr> lremovexattr(RemotePath path, String name) {
        return lremovexattr(path, XattrName.of(name));
    }

    public CompletableFuture<FileAttr> lremovexattr(RemotePath path, XattrName name) {
        return submit(Opcode.RemoveXattr, RequestBodies.removeXattr(spec(path), true, name.raw()),
                AsyncRemoteFs::xattrChange);
    }

    static List<String> strings(List<XattrName> names) {
        return names.stream().map(XattrName::asString).toList();
    }

    static byte[] xattrValue(Frame r) {
        return Replies.bytes(XattrValueReply.getRootAsXattrValueReply(Replies.body(r)).valueAsByteBuffer());
    }

    static FileAttr xattrChange(Frame r) {
        return WireValues.attr(XattrChangeReply.getRootAsXattrChangeReply(Replies.body(r)).attr());
    }

    static List<XattrName> xattrNames(Frame r) {
        XattrNamesReply x = XattrNamesReply.getRootAsXattrNamesReply(Replies.body(r));
        return Replies.names(x.namesLength(), x::names);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AsyncRemoteFs[fsid=" + fsid + ", mode=" + defaultMode + "]";
    }
}
