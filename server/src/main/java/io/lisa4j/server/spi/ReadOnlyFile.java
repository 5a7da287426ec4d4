package io.lisa4j.server.spi;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A file of a {@link ReadOnlyExport}: reads pass through, and so do PWRITE, FTRUNCATE and FALLOCATE,
 * since the export never opens a writable handle: they fail as on any handle not open for writing
 * (PROTOCOL.md §10). FSETATTR with a non-zero mask and the xattr changes fail with EROFS.
 */
final class ReadOnlyFile implements BackendFile {
    private final BackendFile file;

    ReadOnlyFile(BackendFile file) {
        this.file = file;
    }

    BackendFile backendFile() {
        return file;
    }

    private static ErrnoException readOnlyFs() {
        return new ErrnoException(Errno.EROFS);
    }

    @Override
    public int openFlags() {
        return file.openFlags();
    }

    @Override
    public FileAttr fstat() throws ErrnoException {
        return file.fstat();
    }

    @Override
    public FsStat fstatfs() throws ErrnoException {
        return file.fstatfs().asReadOnly();
    }

    @Override
    public ReadResult pread(long offset, ByteBuffer dst) throws ErrnoException {
        return file.pread(offset, dst);
    }

    @Override
    public int pwrite(long offset, ByteBuffer src) throws ErrnoException {
        return file.pwrite(offset, src);
    }

    @Override
    public int readLength(int requested) {
        return file.readLength(requested);
    }

    @Override
    public void endWaits() {
        file.endWaits();
    }

    @Override
    public java.util.concurrent.CompletionStage<ReadResult> read(long offset, ByteBuffer dst) throws ErrnoException {
        return file.read(offset, dst);
    }

    @Override
    public java.util.concurrent.CompletionStage<Integer> write(long offset, ByteBuffer src) throws ErrnoException {
        return file.write(offset, src);
    }

    @Override
    public void fsync(boolean dataOnly) throws ErrnoException {
        file.fsync(dataOnly);
    }

    @Override
    public FileAttr ftruncate(long size) throws ErrnoException {
        return file.ftruncate(size);
    }

    @Override
    public FileAttr fallocate(int mode, long offset, long length) throws ErrnoException {
        return file.fallocate(mode, offset, length);
    }

    @Override
    public DirBatch getdents(long cookie, int maxEntries, boolean withAttrs) throws ErrnoException {
        return file.getdents(cookie, maxEntries, withAttrs);
    }

    @Override
    public SetAttrResult fsetattr(SetAttrSpec spec) throws ErrnoException {
        if (spec.mask() != 0) {
            throw readOnlyFs();
        }
        return file.fsetattr(spec);
    }

    @Override
    public byte[] freadlink() throws ErrnoException {
        return file.freadlink();
    }

    @Override
    public byte[] fgetxattr(byte[] name) throws ErrnoException {
        return file.fgetxattr(name);
    }

    @Override
    public FileAttr fsetxattr(byte[] name, byte[] value, int flags) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public List<byte[]> flistxattr() throws ErrnoException {
        return file.flistxattr();
    }

    @Override
    public FileAttr fremovexattr(byte[] name) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public void close() {
        file.close();
    }
}
