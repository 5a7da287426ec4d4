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
import java.util.function.LongFunction;

/**
 * The async form of {@link RemoteFile}: the handle calls, each one RPC, each returning a future
 * that completes on the connection's I/O thread.
 */
public final class AsyncRemoteFile {
    private final AsyncRemoteFs fs;
    /** The handle and the generation of the link it is valid on; a reconnect rebinds both. */
    private volatile Bound bound;
    /** Where and how the file was opened, for a reconnect to open it again. */
    private final RemotePath path;
    private final int flags;
    /** ESTALE once a reconnect found the file unlinked or replaced; then every call fails with it. */
    private volatile ErrnoException stale;
    private final FileAttr attr;
    private final boolean created;
    private final FileAttr parent;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RemoteFile blocking;
    /** The host descriptor the server donated with OPEN, or null: then every call is an RPC. */
    private volatile DonatedFd local;
    /** The file's size as last seen on the donated descriptor, for eof (see atEnd). */
    private volatile long knownSize;

    private record Bound(long handle, int generation) {}

    AsyncRemoteFile(AsyncRemoteFs fs, long handle, int generation, RemotePath path, int flags, FileAttr attr,
            boolean created, FileAttr parent, DonatedFd local) {
        this.fs = fs;
        this.local = local;
        this.bound = new Bound(handle, generation);
        this.path = path;
        this.flags = flags;
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
        return bound.handle();
    }

    RemotePath path() {
        return path;
    }

    int flags() {
        return flags;
    }

    boolean isClosed() {
        return closed.get();
    }

    ErrnoException staleCause() {
        return stale;
    }

    /** A reconnect opened the file again on link {@code generation}. */
    void rebind(long handle, int generation, DonatedFd newLocal) {
        bound = new Bound(handle, generation);
        if (newLocal != null) {
            DonatedFd old = local;
            local = newLocal;
            if (old != null) {
                old.close();
            }
        }
    }

    /** A reconnect could not open the file again: from now on every call fails with ESTALE. */
    void stale(String why) {
        stale = new ErrnoException(Errno.ESTALE, "open file " + path + " " + why);
        DonatedFd old = local;
        local = null;
        if (old != null) {
            old.close();
        }
    }

    /** Sends a call on this handle, built for the link it goes on (see {@link Connection#submit(Call, int)}). */
    private <T> CompletableFuture<T> submit(int opcode, LongFunction<ByteBuffer> body, ReplyDecoder<T> decoder) {
        return submit(opcode, body, null, decoder);
    }

    private <T> CompletableFuture<T> submit(int opcode, LongFunction<ByteBuffer> body, ByteBuf data,
            ReplyDecoder<T> decoder) {
        ErrnoException gone = stale;
        if (gone != null) {
            if (data != null) {
                data.release();
            }
            return CompletableFuture.failedFuture(new ErrnoException(Errno.ESTALE, gone.getMessage()));
        }
        int generation = fs.connection().generation();
        Bound b = bound;
        int on = b.generation() == generation ? generation : -1;
        Call<T> call = data == null
                ? new Call<>(opcode, fs.fsid(), body.apply(b.handle()), decoder)
                : new Call<>(opcode, fs.fsid(), body.apply(b.handle()), data, decoder, Replayable.writeReplayable(flags));
        return fs.connection().submit(call, on);
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
        return submit(Opcode.Fstat, RequestBodies::handle,
                r -> WireValues.attr(FstatReply.getRootAsFstatReply(Replies.body(r)).attr()));
    }

    /** The file's size: fstat on the donated descriptor, or one FSTAT. */
    public CompletableFuture<Long> size() {
        DonatedFd l = local;
        if (l != null) {
            return locally(l::size);
        }
        return fstat().thenApply(FileAttr::size);
    }

    public CompletableFuture<FsStat> fstatfs() {
        return submit(Opcode.Fstatfs, RequestBodies::handle, AsyncRemoteFs::statFsInfo);
    }

    public CompletableFuture<byte[]> freadlink() {
        return submit(Opcode.Freadlink, RequestBodies::handle, AsyncRemoteFs::linkTarget);
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
        DonatedFd l = local;
        if (l != null) {
            return locally(() -> {
                ByteBuffer buf = ByteBuffer.allocate(n);
                int count = l.pread(offset, buf);
                return new ReadResult(count == n ? buf.array() : Arrays.copyOf(buf.array(), count),
                        atEnd(l, offset, count, n));
            });
        }
        return submit(Opcode.Pread, h -> RequestBodies.pread(h, offset, n), r -> {
            ByteBuf data = r.data();
            byte[] bytes = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), bytes);
            return new ReadResult(bytes, eof(r));
        });
    }

    /** One PREAD into {@code dst}, filling at most its remaining space (clamped as in the other form). */
    public CompletableFuture<ReadCount> pread(long offset, ByteBuffer dst) {
        if (donated()) {
            return locally(() -> preadLocally(offset, dst));
        }
        int n = Math.min(dst.remaining(), maxDataPerRpc());
        return submit(Opcode.Pread, h -> RequestBodies.pread(h, offset, n), r -> {
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
        DonatedFd l = localOrFail();
        int want = dst.remaining();
        int count = l.pread(offset, dst);
        return new ReadCount(count, atEnd(l, offset, count, want));
    }

    private DonatedFd localOrFail() throws ErrnoException {
        DonatedFd l = local;
        if (l == null) {
            ErrnoException gone = stale;
            throw gone != null ? new ErrnoException(Errno.ESTALE, gone.getMessage())
                    : new ErrnoException(Errno.EBADF, "no donated descriptor");
        }
        return l;
    }

    /**
     * PREAD's eof: the read ended at the end of the file. A short read did. A full one did if it
     * reached the size; the size is read (one statx) only when the read reaches the last size
     * seen, since a full read proves the file was at least that long: a small random read pays no
     * extra syscall. Only a file another party shrank since then can make eof false where PREAD
     * would say true, which a reader handles as any read without eof, by reading on.
     */
    private boolean atEnd(DonatedFd l, long offset, int count, int wanted) throws ErrnoException {
        long end = offset + count;
        if (count < wanted) {
            return true;
        }
        if (end < knownSize) {
            return false;
        }
        long size = l.size();
        knownSize = size;
        return end >= size;
    }

    /** pwrite on the donated descriptor, then fstat on it: the attributes PWRITE's reply carries. */
    WriteResult pwriteLocally(long offset, ByteBuffer data) throws ErrnoException {
        DonatedFd l = localOrFail();
        int written = l.pwrite(offset, data.duplicate());
        FileAttr after = l.fstat();
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
        if (donated()) {
            return pwrite(offset, ByteBuffer.wrap(data));
        }
        return pwrite(offset, Unpooled.wrappedBuffer(data));
    }

    /** As {@link #pwrite(long, byte[])}, writing {@code data}'s remaining bytes; its position is not moved. */
    public CompletableFuture<WriteResult> pwrite(long offset, ByteBuffer data) {
        if (donated()) {
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
        return submit(Opcode.Pwrite, h -> RequestBodies.pwrite(h, offset), data, r -> {
            PwriteReply w = PwriteReply.getRootAsPwriteReply(Replies.body(r));
            return new WriteResult((int) w.written(), WireValues.attr(w.attr()));
        });
    }

    public CompletableFuture<Void> fsync() {
        return submit(Opcode.Fsync, h -> RequestBodies.fsync(h, false), r -> null);
    }

    public CompletableFuture<Void> fdatasync() {
        return submit(Opcode.Fsync, h -> RequestBodies.fsync(h, true), r -> null);
    }

    public CompletableFuture<FileAttr> ftruncate(long size) {
        return submit(Opcode.Ftruncate, h -> RequestBodies.ftruncate(h, size), AsyncRemoteFile::attrReply);
    }

    /** fallocate(2); {@code mode} 0, FALLOC_FL_KEEP_SIZE or FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE. */
    public CompletableFuture<FileAttr> fallocate(int mode, long offset, long length) {
        return submit(Opcode.Fallocate, h -> RequestBodies.fallocate(h, mode, offset, length),
                AsyncRemoteFile::attrReply);
    }

    private static FileAttr attrReply(Frame r) {
        return WireValues.attr(AttrReply.getRootAsAttrReply(Replies.body(r)).attr());
    }

    // ------------------------------------------------------------ directories

    /** One GETDENTS: up to {@code maxEntries} entries after {@code cookie} (0 = from the start). */
    public CompletableFuture<DirBatch> getdents(long cookie, int maxEntries, boolean withAttrs) {
        return submit(Opcode.Getdents, h -> RequestBodies.getdents(h, cookie, maxEntries, withAttrs),
                Replies::dirents);
    }

    // ------------------------------------------------------------ attributes

    public CompletableFuture<SetAttrResult> fsetattr(AttrChange change) {
        return submit(Opcode.FsetAttr, h -> RequestBodies.fsetAttr(h, change), AsyncRemoteFs::setAttrResult);
    }

    public CompletableFuture<byte[]> fgetxattr(String name) {
        return fgetxattr(XattrName.of(name));
    }

    public CompletableFuture<byte[]> fgetxattr(XattrName name) {
        return submit(Opcode.FgetXattr, h -> RequestBodies.fgetXattr(h, name.raw()), AsyncRemoteFs::xattrValue);
    }

    public CompletableFuture<FileAttr> fsetxattr(String name, byte[] value, int flags) {
        return fsetxattr(XattrName.of(name), value, flags);
    }

    public CompletableFuture<FileAttr> fsetxattr(XattrName name, byte[] value, int flags) {
        return submit(Opcode.FsetXattr, h -> RequestBodies.fsetXattr(h, name.raw(), value, flags),
                AsyncRemoteFs::xattrChange);
    }

    /** The names as UTF-8 strings (U+FFFD for bytes that are not); {@link #flistxattrNames} keeps the bytes. */
    public CompletableFuture<List<String>> flistxattr() {
        return flistxattrNames().thenApply(AsyncRemoteFs::strings);
    }

    public CompletableFuture<List<XattrName>> flistxattrNames() {
        return submit(Opcode.FlistXattr, RequestBodies::handle, AsyncRemoteFs::xattrNames);
    }

    public CompletableFuture<FileAttr> fremovexattr(String name) {
        return fremovexattr(XattrName.of(name));
    }

    public CompletableFuture<FileAttr> fremovexattr(XattrName name) {
        return submit(Opcode.FremoveXattr, h -> RequestBodies.fremoveXattr(h, name.raw()),
                AsyncRemoteFs::xattrChange);
    }

    // ------------------------------------------------------------ close

    /** Releases the handle with one CLOSE; a second close() does nothing and sends nothing. */
    public CompletableFuture<Void> close() {
        if (!markClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        fs.connection().files().closed(this);
        closeLocal();
        return sendClose();
    }

    /**
     * CLOSE on the link the handle is valid on. A handle whose link is gone was released with it:
     * nothing to send, nothing to fail (PROTOCOL.md §12).
     */
    private CompletableFuture<Void> sendClose() {
        if (stale != null || bound.generation() != fs.connection().generation() && fs.connection().generation() != -1) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> sent = submit(Opcode.Close, RequestBodies::close, r -> {
            int errno = closeResults(r).getFirst();
            if (errno != 0) {
                throw new ErrnoException(errno, "CLOSE");
            }
            return null;
        });
        return sent.exceptionallyCompose(e -> {
            ConnectionLostException lost = ConnectionLostException.in(e);
            if (lost == null) {
                return CompletableFuture.failedFuture(e);
            }
            if (lost.sent() || fs.connection().isClosed()) {
                return CompletableFuture.completedFuture(null);
            }
            return fs.connection().whenUsable().handle((v, down) -> down == null ? sendClose()
                    : CompletableFuture.<Void>completedFuture(null)).thenCompose(f -> f);
        });
    }

    /** Closes the donated descriptor, if any: with the handle, the client gives up its own copy too. */
    void closeLocal() {
        DonatedFd l = local;
        if (l != null) {
            l.close();
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
        return "AsyncRemoteFile[fsid=" + fs.fsid() + ", handle=" + handle() + "]";
    }
}
