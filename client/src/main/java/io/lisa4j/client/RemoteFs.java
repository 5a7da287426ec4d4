package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One mounted export (an fsid). Each method mirrors a Linux syscall and costs exactly one RPC; a
 * failure throws ErrnoException with the server's errno. Paths resolve in
 * {@link ResolveMode#IN_ROOT} unless chosen otherwise, so symlinks behave as in a chroot; sandbox
 * clients that own their namespace choose {@link ResolveMode#STOP}, where a walk that reaches a
 * symlink or climbs above the root throws StoppedException. Paths are "a/b/c" strings relative to the
 * export root, or {@link RemotePath}s for raw-byte names, *at-style bases and per-call resolve
 * modes. Thread-safe; {@link #async()} gives the same calls returning futures.
 */
public final class RemoteFs {
    private final AsyncRemoteFs async;

    RemoteFs(AsyncRemoteFs async) {
        this.async = async;
    }

    public AsyncRemoteFs async() {
        return async;
    }

    public int fsid() {
        return async.fsid();
    }

    public FileAttr rootAttr() {
        return async.rootAttr();
    }

    public boolean readOnly() {
        return async.readOnly();
    }

    /** The resolve mode of paths that do not name their own (IN_ROOT unless chosen otherwise). */
    public ResolveMode resolveMode() {
        return async.resolveMode();
    }

    /** The same mount, walking paths in {@code mode} by default. Sends nothing. */
    public RemoteFs withResolveMode(ResolveMode mode) {
        return async.withResolveMode(mode).blocking();
    }

    private <T> T await(Supplier<CompletableFuture<T>> call) throws IOException {
        return Blocking.call(async.connection(), call);
    }

    private static RemotePath p(String path) {
        return RemotePath.of(path);
    }

    public void umount() throws IOException {
        await(() -> async.umount());
    }

    /** Closes all {@code files} with one CLOSE; returns one errno per file, 0 for closed. */
    public List<Integer> closeAll(RemoteFile... files) throws IOException {
        return await(() -> async.closeAll(files));
    }

    // ------------------------------------------------------------ attributes

    public FileAttr stat(String path) throws IOException {
        return stat(p(path));
    }

    public FileAttr stat(RemotePath path) throws IOException {
        return await(() -> async.stat(path));
    }

    public FileAttr lstat(String path) throws IOException {
        return lstat(p(path));
    }

    public FileAttr lstat(RemotePath path) throws IOException {
        return await(() -> async.lstat(path));
    }

    public SetAttrResult setattr(String path, AttrChange change) throws IOException {
        return setattr(p(path), change);
    }

    public SetAttrResult setattr(RemotePath path, AttrChange change) throws IOException {
        return await(() -> async.setattr(path, change));
    }

    public SetAttrResult lsetattr(RemotePath path, AttrChange change) throws IOException {
        return await(() -> async.lsetattr(path, change));
    }

    public FsStat statfs(String path) throws IOException {
        return statfs(p(path));
    }

    public FsStat statfs(RemotePath path) throws IOException {
        return await(() -> async.statfs(path));
    }

    public void access(String path, int mode) throws IOException {
        access(p(path), mode, 0);
    }

    public void access(RemotePath path, int mode, int flags) throws IOException {
        await(() -> async.access(path, mode, flags));
    }

    // ------------------------------------------------------------ open

    /**
     * open(2) of an existing file. A creation needs the permission bits, as open(2) does: O_CREAT
     * or O_TMPFILE here throws IllegalArgumentException rather than creating a file with mode 0000;
     * use {@link #open(String, int, int)} (0666 &amp; ~umask is what most programs pass).
     */
    public RemoteFile open(String path, int flags) throws IOException {
        if ((flags & ProtocolConstants.O_CREAT) != 0
                || (flags & ProtocolConstants.O_TMPFILE) == ProtocolConstants.O_TMPFILE) {
            throw new IllegalArgumentException("O_CREAT and O_TMPFILE need a mode: open(path, flags, mode)");
        }
        return open(p(path), flags, 0);
    }

    public RemoteFile open(String path, int flags, int mode) throws IOException {
        return open(p(path), flags, mode);
    }

    public RemoteFile open(RemotePath path, int flags, int mode) throws IOException {
        return await(() -> async.open(path, flags, mode));
    }

    // ------------------------------------------------------------ directory entries

    public EntryResult mkdir(String path, int mode) throws IOException {
        return mkdir(p(path), mode);
    }

    public EntryResult mkdir(RemotePath path, int mode) throws IOException {
        return await(() -> async.mkdir(path, mode));
    }

    public EntryResult mknod(String path, int mode, int rdevMajor, int rdevMinor) throws IOException {
        return mknod(p(path), mode, rdevMajor, rdevMinor);
    }

    public EntryResult mknod(RemotePath path, int mode, int rdevMajor, int rdevMinor) throws IOException {
        return await(() -> async.mknod(path, mode, rdevMajor, rdevMinor));
    }

    /** Creates a symlink at {@code path} pointing to {@code target} (UTF-8). */
    public EntryResult symlink(String target, String path) throws IOException {
        return symlink(AsyncRemoteFs.utf8(target), p(path));
    }

    public EntryResult symlink(byte[] target, RemotePath path) throws IOException {
        return await(() -> async.symlink(target, path));
    }

    public EntryResult link(String existing, String newPath) throws IOException {
        return link(p(existing), p(newPath), 0);
    }

    public EntryResult link(RemotePath existing, RemotePath newPath, int flags) throws IOException {
        return await(() -> async.link(existing, newPath, flags));
    }

    public byte[] readlink(String path) throws IOException {
        return readlink(p(path));
    }

    public byte[] readlink(RemotePath path) throws IOException {
        return await(() -> async.readlink(path));
    }

    /** Removes a non-directory; returns the parent afterwards. */
    public FileAttr unlink(String path) throws IOException {
        return unlink(p(path), 0);
    }

    /** unlinkat(2): {@code flags} AT_REMOVEDIR removes a directory. */
    public FileAttr unlink(RemotePath path, int flags) throws IOException {
        return await(() -> async.unlink(path, flags));
    }

    /** unlinkat with AT_REMOVEDIR; returns the parent afterwards. */
    public FileAttr rmdir(String path) throws IOException {
        return rmdir(p(path));
    }

    public FileAttr rmdir(RemotePath path) throws IOException {
        return await(() -> async.rmdir(path));
    }

    public RenameResult rename(String from, String to) throws IOException {
        return rename(p(from), p(to), 0);
    }

    public RenameResult rename(RemotePath from, RemotePath to, int flags) throws IOException {
        return await(() -> async.rename(from, to, flags));
    }

    // ------------------------------------------------------------ extended attributes

    public byte[] getxattr(String path, String name) throws IOException {
        return getxattr(p(path), name);
    }

    public byte[] getxattr(RemotePath path, String name) throws IOException {
        return await(() -> async.getxattr(path, name));
    }

    public byte[] lgetxattr(RemotePath path, String name) throws IOException {
        return await(() -> async.lgetxattr(path, name));
    }

    public FileAttr setxattr(String path, String name, byte[] value, int flags) throws IOException {
        return setxattr(p(path), name, value, flags);
    }

    public FileAttr setxattr(RemotePath path, String name, byte[] value, int flags) throws IOException {
        return await(() -> async.setxattr(path, name, value, flags));
    }

    public FileAttr lsetxattr(RemotePath path, String name, byte[] value, int flags) throws IOException {
        return await(() -> async.lsetxattr(path, name, value, flags));
    }

    public List<String> listxattr(String path) throws IOException {
        return listxattr(p(path));
    }

    public List<String> listxattr(RemotePath path) throws IOException {
        return await(() -> async.listxattr(path));
    }

    public List<String> llistxattr(RemotePath path) throws IOException {
        return await(() -> async.llistxattr(path));
    }

    public FileAttr removexattr(String path, String name) throws IOException {
        return removexattr(p(path), name);
    }

    public FileAttr removexattr(RemotePath path, String name) throws IOException {
        return await(() -> async.removexattr(path, name));
    }

    public FileAttr lremovexattr(RemotePath path, String name) throws IOException {
        return await(() -> async.lremovexattr(path, name));
    }

    // Names as bytes (PROTOCOL.md §8.2.0): the String forms above encode as UTF-8 and decode
    // listed names as UTF-8, which loses a name that is not; these keep every byte.

    public byte[] getxattr(RemotePath path, XattrName name) throws IOException {
        return await(() -> async.getxattr(path, name));
    }

    public byte[] lgetxattr(RemotePath path, XattrName name) throws IOException {
        return await(() -> async.lgetxattr(path, name));
    }

    public FileAttr setxattr(RemotePath path, XattrName name, byte[] value, int flags) throws IOException {
        return await(() -> async.setxattr(path, name, value, flags));
    }

    public FileAttr lsetxattr(RemotePath path, XattrName name, byte[] value, int flags) throws IOException {
        return await(() -> async.lsetxattr(path, name, value, flags));
    }

    public List<XattrName> listxattrNames(RemotePath path) throws IOException {
        return await(() -> async.listxattrNames(path));
    }

    public List<XattrName> llistxattrNames(RemotePath path) throws IOException {
        return await(() -> async.llistxattrNames(path));
    }

    public FileAttr removexattr(RemotePath path, XattrName name) throws IOException {
        return await(() -> async.removexattr(path, name));
    }

    public FileAttr lremovexattr(RemotePath path, XattrName name) throws IOException {
        return await(() -> async.lremovexattr(path, name));
    }

    @Override
    public String toString() {
        return "RemoteFs[fsid=" + fsid() + ", mode=" + resolveMode() + "]";
    }
}
