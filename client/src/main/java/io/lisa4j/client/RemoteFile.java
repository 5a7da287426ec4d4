package io.lisa4j.client;

import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An open file description on the server (a handle, PROTOCOL.md §7), with what OPEN reported
 * about it. Every method is one RPC and throws ErrnoException with the server's errno; use
 * {@link #async()} for the same calls returning futures. Thread-safe.
 */
public final class RemoteFile implements AutoCloseable {
    private final AsyncRemoteFile async;

    RemoteFile(AsyncRemoteFile async) {
        this.async = async;
    }

    public AsyncRemoteFile async() {
        return async;
    }

    /** The handle number, unique on its connection. */
    public long handle() {
        return async.handle();
    }

    public int fsid() {
        return async.fs().fsid();
    }

    /** The file's attributes as OPEN reported them. */
    public FileAttr attr() {
        return async.attr();
    }

    /** Whether OPEN created the file. */
    public boolean created() {
        return async.created();
    }

    /** The parent directory after OPEN created the file; null when it did not create it. */
    public FileAttr parent() {
        return async.parent();
    }

    private <T> T await(Supplier<CompletableFuture<T>> call) throws IOException {
        return Blocking.call(async.fs().connection(), call);
    }

    /** Whether reads, writes and size run locally on a donated host descriptor (PROTOCOL.md §3.3). */
    public boolean donated() {
        return async.donated();
    }

    /** The file's size: local on a donated descriptor, else one FSTAT. */
    public long size() throws IOException {
        return await(() -> async.size());
    }

    public FileAttr fstat() throws IOException {
        return await(() -> async.fstat());
    }

    public FsStat fstatfs() throws IOException {
        return await(() -> async.fstatfs());
    }

    /** The target of a symlink opened with O_PATH|O_NOFOLLOW. */
    public byte[] freadlink() throws IOException {
        return await(() -> async.freadlink());
    }

    /** One PREAD; see {@link AsyncRemoteFile#pread(long, int)} for the per-RPC limit. */
    public ReadResult pread(long offset, int length) throws IOException {
        return await(() -> async.pread(offset, length));
    }

    public ReadCount pread(long offset, ByteBuffer dst) throws IOException {
        // A donated descriptor needs no future: this is the local-speed path (PROTOCOL.md §3.3).
        return async.donated() ? async.preadLocally(offset, dst) : await(() -> async.pread(offset, dst));
    }

    /** One PWRITE of all of {@code data}; EMSGSIZE if it does not fit one frame. */
    public WriteResult pwrite(long offset, byte[] data) throws IOException {
        return await(() -> async.pwrite(offset, data));
    }

    public WriteResult pwrite(long offset, ByteBuffer data) throws IOException {
        return async.donated() ? async.pwriteLocally(offset, data) : await(() -> async.pwrite(offset, data));
    }

    public void fsync() throws IOException {
        await(() -> async.fsync());
    }

    public void fdatasync() throws IOException {
        await(() -> async.fdatasync());
    }

    public FileAttr ftruncate(long size) throws IOException {
        return await(() -> async.ftruncate(size));
    }

    public FileAttr fallocate(int mode, long offset, long length) throws IOException {
        return await(() -> async.fallocate(mode, offset, length));
    }

    public DirBatch getdents(long cookie, int maxEntries, boolean withAttrs) throws IOException {
        return await(() -> async.getdents(cookie, maxEntries, withAttrs));
    }

    public SetAttrResult fsetattr(AttrChange change) throws IOException {
        return await(() -> async.fsetattr(change));
    }

    public byte[] fgetxattr(String name) throws IOException {
        return await(() -> async.fgetxattr(name));
    }

    public FileAttr fsetxattr(String name, byte[] value, int flags) throws IOException {
        return await(() -> async.fsetxattr(name, value, flags));
    }

    public List<String> flistxattr() throws IOException {
        return await(() -> async.flistxattr());
    }

    public byte[] fgetxattr(XattrName name) throws IOException {
        return await(() -> async.fgetxattr(name));
    }

    public FileAttr fsetxattr(XattrName name, byte[] value, int flags) throws IOException {
        return await(() -> async.fsetxattr(name, value, flags));
    }

    /** The names with their exact bytes (PROTOCOL.md §8.2.0); {@link #flistxattr()} decodes them as UTF-8. */
    public List<XattrName> flistxattrNames() throws IOException {
        return await(() -> async.flistxattrNames());
    }

    public FileAttr fremovexattr(XattrName name) throws IOException {
        return await(() -> async.fremovexattr(name));
    }

    public FileAttr fremovexattr(String name) throws IOException {
        return await(() -> async.fremovexattr(name));
    }

    /** One CLOSE; idempotent, so try-with-resources after an explicit close sends nothing. */
    @Override
    public void close() throws IOException {
        await(() -> async.close());
    }

    @Override
    public String toString() {
        return "RemoteFile[fsid=" + fsid() + ", handle=" + handle() + "]";
    }
}
