package io.lisa4j.server.spi;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An open file of an export: what a protocol handle refers to. Every method is one syscall-shaped
 * operation and may be called from several threads at once. Operations the file's open mode does
 * not allow fail with EBADF, as the kernel's would (for example pwrite on a read-only handle, or
 * pread on an O_PATH handle).
 */
public interface BackendFile extends AutoCloseable {

    /** The flags the file was opened with (O_ACCMODE bits, O_APPEND, O_PATH, O_DIRECTORY...). */
    int openFlags();

    FileAttr fstat() throws ErrnoException;

    FsStat fstatfs() throws ErrnoException;

    /** Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst} (advancing its position). */
    ReadResult pread(long offset, ByteBuffer dst) throws ErrnoException;

    /** Writes {@code src} at {@code offset} (at the end for O_APPEND files); returns the count. */
    int pwrite(long offset, ByteBuffer src) throws ErrnoException;

    /**
     * PREAD as the transport calls it: {@link #pread} for a file with a position; on a file that
     * cannot seek and was opened without O_NONBLOCK, a read that finds no data completes later, once
     * there is some or the peer is gone, without holding the calling thread (PROTOCOL.md §8.3.2).
     * The stage completes exceptionally with ErrnoException on failure.
     */
    default CompletionStage<ReadResult> read(long offset, ByteBuffer dst) throws ErrnoException {
        return CompletableFuture.completedFuture(pread(offset, dst));
    }

    /**
     * The buffer PREAD allocates for a request of {@code requested} bytes: a file whose reads may
     * wait (a FIFO) bounds it by what one read can return, so that a waiting read holds no more
     * memory than that.
     */
    default int readLength(int requested) {
        return requested;
    }

    /** PWRITE as the transport calls it: {@link #pwrite}, or a write that may wait, as {@link #read}. */
    default CompletionStage<Integer> write(long offset, ByteBuffer src) throws ErrnoException {
        return CompletableFuture.completedFuture(pwrite(offset, src));
    }

    void fsync(boolean dataOnly) throws ErrnoException;

    FileAttr ftruncate(long size) throws ErrnoException;

    FileAttr fallocate(int mode, long offset, long length) throws ErrnoException;

    /**
     * Lists entries after {@code cookie} (0 = from the start), at most {@code maxEntries}, each
     * with its attributes (lstat semantics) when {@code withAttrs}. "." and ".." are included, as
     * getdents64 returns them.
     */
    DirBatch getdents(long cookie, int maxEntries, boolean withAttrs) throws ErrnoException;

    SetAttrResult fsetattr(SetAttrSpec spec) throws ErrnoException;

    /** The target of a symlink opened with O_PATH|O_NOFOLLOW. */
    byte[] freadlink() throws ErrnoException;

    byte[] fgetxattr(byte[] name) throws ErrnoException;

    FileAttr fsetxattr(byte[] name, byte[] value, int flags) throws ErrnoException;

    List<byte[]> flistxattr() throws ErrnoException;

    FileAttr fremovexattr(byte[] name) throws ErrnoException;

    /**
     * A new close-on-exec duplicate of the host descriptor, for descriptor donation (PROTOCOL.md
     * §3.3), which the caller owns; -1 when this file must not be donated. Only regular files opened
     * for reading or writing qualify. A backend returns -1 whenever the descriptor would give the
     * client more than its handle does: a read-only export, for one, since fchmod, fchown and
     * fsetxattr work on any descriptor of a file its owner opened.
     */
    default int dupForDonation() throws ErrnoException {
        return -1;
    }

    /**
     * The handle was closed: a {@link #read} or {@link #write} still waiting on this file ends now
     * with EBADF (a call in progress keeps the file itself open until it lets go).
     */
    default void endWaits() {}

    /** Releases the host resources; idempotent. */
    @Override
    void close();
}
