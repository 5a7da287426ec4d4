package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.AttrReply;
import io.lisa4j.protocol.fb.CloseReply;
import io.lisa4j.protocol.fb.FstatReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.PreadReply;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The async form of {@link RemoteFile}: the handle calls, each one RPC, each returning a future
 * that completes on the connection's I/O thread.
 */
public final class AsyncRemoteFile {
    private final AsyncRemoteFs fs;
    private final long handle;
    private final FileAttr attr;
    private final boolean created;
    private final FileAttr parent;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RemoteFile blocking;
    /** The host descriptor the server donated with OPEN, or null: then every call is an RPC. */
    private final DonatedFd local;
    /** The file's size as last seen on the donated descriptor, for eof (see atEnd). */
    private volatile long knownSize;

    AsyncRemoteFile(AsyncRemoteFs fs, long handle, FileAttr attr, boolean created, FileAttr parent,
            DonatedFd local) {
        this.fs = fs;
        this.local = local;
        this.handle = handle;
        this.attr = attr;
        this.created = created;
        this.parent = parent;
        this.knownSize = attr == null ? 0 : attr.size();
        this.blocking = new RemoteFile(this);
    }

    /**
     * Whether the server donated the host descriptor (PROTOCOL.md §3.3): then pread, pwrite and
     * {@link #size()} run in this process with no RPC, and complete before they return.
     */
    public boolean donated() {
        return local != null;
    }

    public RemoteFile blocking() {
        return blocking;
    }

    long handle() {
        return handle;
    }

    AsyncRemoteFs fs() {
        return fs;
    }

    FileAttr attr() {
        return attr;
    }

    boolean created() {
        return created;
    }

    FileAttr parent() {
        return parent;
    }

    /** True the first time only, so close() sends CLOSE at most once. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Most bytes one PREAD or PWRITE can carry on this connection. */
    int maxDataPerRpc() {
        return fs.connection().maxMessageSize() - ProtocolConstants.DATA_HEADROOM;
    }

    public CompletableFuture<FileAttr> fstat() {
        return fs.submit(Opcode.Fstat, RequestBodies.handle(handle),
                r -> WireValues.attr(FstatReply.getRootAsFstatReply(Replies.body(r)).attr()));
    }

    /** The file's size: fstat on the donated descriptor, or one FSTAT. */
    public CompletableFuture<Long> size() {
        if (local != null) {
            return locally(local::size);
        }
        return fstat().thenApply(FileAttr::size);
    }

    public CompletableFuture<FsStat> fstatfs() {
        return fs.submit(Opcode.Fstatfs, RequestBodies.handle(handle), AsyncRemoteFs::statFsInfo);
    }

    public CompletableFuture<byte[]> freadlink() {
        return fs.submit(Opcode.Freadlink, RequestBodies.handle(handle), AsyncRemoteFs::linkTarget);
    }

    // ------------------------------------------------------------ data

    /**
     * One PREAD of up to {@code length} bytes at {@code offset}. A length above what one reply can
     * carry (the negotiated maximum less ProtocolConstants.DATA_HEADROOM) is clamped: the result
     * is then short, as a read(2) may be.
     */
    public CompletableFuture<ReadResult> pread(long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        int n = Math.min(length, maxDataPerRpc());
        if (local != null) {
            return locally(() -> {
                ByteBuffer buf = ByteBuffer.allocate(n);
                int count = local.pread(offset, buf);
                return new ReadResult(count == n ? buf.array() : Arrays.copyOf(buf.array(), count),
                        atEnd(offset, count, n));
            });
        }
        return fs.submit(Opcode.Pread, RequestBodies.pread(handle, offset, n), r -> {
            ByteBuf data = r.data();
            byte[] bytes = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), bytes);
            return new ReadResult(bytes, eof(r));
        });
    }

    /** One PREAD into {@code dst}, filling at most its remaining space (clamped as in the other form). */
    public CompletableFuture<ReadCount> pread(long offset, ByteBuffer dst) {
        if (local != null) {
            return locally(() -> preadLocally(offset, dst));
        }
        int n = Math.min(dst.remaining(), maxDataPerRpc());
        return fs.submit(Opcode.Pread, RequestBodies.pread(handle, offset, n), r -> {
            ByteBuf data = r.data();
            int count = Math.min(data.readableBytes(), dst.remaining());
            ByteBuffer target = dst.duplicate();
            target.limit(target.position() + count);
            data.getBytes(data.readerIndex(), target);
            dst.position(dst.position() + count);
            return new ReadCount(count, eof(r));
        });
    }

    /** pread on the donated descriptor, with {@code eof} as PREAD's (PROTOCOL.md §8.3.2). */
    ReadCount preadLocally(long offset, ByteBuffer dst) throws ErrnoException {
        int want = dst.remaining();
        int count = local.pread(offset, dst);
        return new ReadCount(count, atEnd(offset, count, want));
    }

    /**
     * PREAD's eof: the read ended at the end of the file. A short read did. A full one did if it
     * reached the size; the size is read (one statx) only when the read reaches the last size
     * seen, since a full read proves the file was at least that long: a small random read pays no
     * extra syscall. Only a file another party shrank since then can make eof false where PREAD
     * would say true, which a reader handles as any read without eof, by reading on.
     */
    private boolean atEnd(long offset, int count, int wanted) throws ErrnoException {
        long end = offset + count;
        if (count < wanted) {
            return true;
        }
        if (end < knownSize) {
            return false;
        }
        long size = local.size();
        knownSize = size;
        return end >= size;
    }

    /** pwrite on the donated descriptor, then fstat on it: the attributes PWRITE's reply carries. */
    WriteResult pwriteLocally(long offset, ByteBuffer data) throws ErrnoException {
        int written = local.pwrite(offset, data.duplicate());
        FileAttr after = local.fstat();
        knownSize = after.size();
        return new WriteResult(written, after);
    }

    private static boolean eof(Frame r) {
        return PreadReply.getRootAsPreadReply(Replies.body(r)).eof();
    }

    /**
     * One PWRITE of all of {@code data} at {@code offset}; the array is sent without a copy, so do
     * not change it until the future completes. More data than one frame carries fails with
     * EMSGSIZE before anything is sent.
     */
    public CompletableFuture<WriteResult> pwrite(long offset, byte[] data) {
        if (local != null) {
            return pwrite(offset, ByteBuffer.wrap(data));
        }
        return pwrite(offset, Unpooled.wrappedBuffer(data));
    }

    /** As {@link #pwrite(long, byte[])}, writing {@code data}'s remaining bytes; its position is not moved. */
    public CompletableFuture<WriteResult> pwrite(long offset, ByteBuffer data) {
        if (local != null) {
            return locally(() -> pwriteLocally(offset, data));
        }
        return pwrite(offset, Unpooled.wrappedBuffer(data.duplicate()));
    }

    @FunctionalInterface
    private interface LocalCall<T> {
        T run() throws ErrnoException;
    }

    /** A call served by the donated descriptor, completed before it returns. */
    private static <T> CompletableFuture<T> locally(LocalCall<T> call) {
        try {
            return CompletableFuture.completedFuture(call.run());
        } catch (ErrnoException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<WriteResult> pwrite(long offset, ByteBuf data) {
        if (data.readableBytes() > maxDataPerRpc()) {
            int size = data.readableBytes();
            data.release();
            return CompletableFuture.failedFuture(new ErrnoException(Errno.EMSGSIZE,
                    "pwrite of " + size + " bytes exceeds the " + maxDataPerRpc() + " one frame carries"));
        }
        Call<WriteResult> call = new Call<>(Opcode.Pwrite, fs.fsid(), RequestBodies.pwrite(handle, offset), data, r -> {
            PwriteReply w = PwriteReply.getRootAsPwriteReply(Replies.body(r));
            return new WriteResult((int) w.written(), WireValues.attr(w.attr()));
        });
        return fs.connection().submit(call);
    }

    public CompletableFuture<Void> fsync() {
        return fs.submit(Opcode.Fsync, RequestBodies.fsync(handle, false), r -> null);
    }

    public CompletableFuture<Void> fdatasync() {
        return fs.submit(Opcode.Fsync, RequestBodies.fsync(handle, true), r -> null);
    }

    public CompletableFuture<FileAttr> ftruncate(long size) {
        return fs.submit(Opcode.Ftruncate, RequestBodies.ftruncate(handle, size), AsyncRemoteFile::attrReply);
    }

    /** fallocate(2); {@code mode} 0, FALLOC_FL_KEEP_SIZE or FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE. */
    public CompletableFuture<FileAttr> fallocate(int mode, long offset, long length) {
        return fs.submit(Opcode.Fallocate, RequestBodies.fallocate(handle, mode, offset, length),
                AsyncRemoteFile::attrReply);
    }

    private static FileAttr attrReply(Frame r) {
        return WireValues.attr(AttrReply.getRootAsAttrReply(Replies.body(r)).attr());
    }

    // ------------------------------------------------------------ directories

    /** One GETDENTS: up to {@code maxEntries} entries after {@code cookie} (0 = from the start). */
    public CompletableFuture<DirBatch> getdents(long cookie, int maxEntries, boolean withAttrs) {
        return fs.submit(Opcode.Getdents, RequestBodies.getdents(handle, cookie, maxEntries, withAttrs),
                Replies::dirents);
    }

    // ------------------------------------------------------------ attributes

    public CompletableFuture<SetAttrResult> fsetattr(AttrChange change) {
        return fs.submit(Opcode.FsetAttr, RequestBodies.fsetAttr(handle, change), AsyncRemoteFs::setAttrResult);
    }

    public CompletableFuture<byte[]> fgetxattr(String name) {
        return fgetxattr(XattrName.of(name));
    }

    public CompletableFuture<byte[]> fgetxattr(XattrName name) {
        return fs.submit(Opcode.FgetXattr, RequestBodies.fgetXattr(handle, name.raw()), AsyncRemoteFs::xattrValue);
    }

    public CompletableFuture<FileAttr> fsetxattr(String name, byte[] value, int flags) {
        return fsetxattr(XattrName.of(name), value, flags);
    }

    public CompletableFuture<FileAttr> fsetxattr(XattrName name, byte[] value, int flags) {
        return fs.submit(Opcode.FsetXattr, RequestBodies.fsetXattr(handle, name.raw(), value, flags),
                AsyncRemoteFs::xattrChange);
    }

    /** The names as UTF-8 strings (U+FFFD for bytes that are not); {@link #flistxattrNames} keeps the bytes. */
    public CompletableFuture<List<String>> flistxattr() {
        return flistxattrNames().thenApply(AsyncRemoteFs::strings);
    }

    public CompletableFuture<List<XattrName>> flistxattrNames() {
        return fs.submit(Opcode.FlistXattr, RequestBodies.handle(handle), AsyncRemoteFs::xattrNames);
    }

    public CompletableFuture<FileAttr> fremovexattr(String name) {
        return fremovexattr(XattrName.of(name));
    }

    public CompletableFuture<FileAttr> fremovexattr(XattrName name) {
        return fs.submit(Opcode.FremoveXattr, RequestBodies.fremoveXattr(handle, name.raw()),
                AsyncRemoteFs::xattrChange);
    }

    // ------------------------------------------------------------ close

    /** Releases the handle with one CLOSE; a second close() does nothing and sends nothing. */
    public CompletableFuture<Void> close() {
        if (!markClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        closeLocal();
        return fs.submit(Opcode.Close, RequestBodies.close(handle), r -> {
            int errno = closeResults(r).getFirst();
            if (errno != 0) {
                throw new ErrnoException(errno, "CLOSE");
            }
            return null;
        });
    }

    /** Closes the donated descriptor, if any: with the handle, the client gives up its own copy too. */
    void closeLocal() {
        if (local != null) {
            local.close();
        }
    }

    static List<Integer> closeResults(Frame r) {
        CloseReply c = CloseReply.getRootAsCloseReply(Replies.body(r));
        List<Integer> out = new ArrayList<>(c.resultsLength());
        for (int i = 0; i < c.resultsLength(); i++) {
            out.add(c.results(i));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "AsyncRemoteFile[fsid=" + fs.fsid() + ", handle=" + handle + "]";
    }
}
