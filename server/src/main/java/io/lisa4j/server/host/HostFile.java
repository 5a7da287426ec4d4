package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.DirBatch;
import io.lisa4j.server.spi.ReadResult;
import io.lisa4j.server.spi.SetAttrResult;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open file of a host export: one host descriptor, the flags it was opened with, its type,
 * and its component path from the export root at open time, which is what a ".." from this
 * file as a base climbs along.
 */
final class HostFile implements BackendFile {
    private final PathWalker walker;
    private final HostFd fd;
    private final int openFlags;
    private final int type;
    private final List<byte[]> path;
    /** getdents reads from the descriptor's shared offset: one listing at a time. */
    private final ReentrantLock listing = new ReentrantLock();
    /** Reads and writes of a FIFO or character device, which have no position; null for other files. */
    private final HostStream stream;

    HostFile(PathWalker walker, HostFd fd, int openFlags, int type, List<byte[]> path) {
        this.walker = walker;
        this.fd = fd;
        this.openFlags = openFlags;
        this.type = type;
        this.path = List.copyOf(path);
        boolean positionless = (type == ProtocolConstants.S_IFIFO || type == ProtocolConstants.S_IFCHR)
                && (openFlags & ProtocolConstants.O_PATH) == 0;
        this.stream = positionless ? new HostStream(fd, type == ProtocolConstants.S_IFIFO,
                (openFlags & ProtocolConstants.O_NONBLOCK) == 0) : null;
    }

    /** The host file behind {@code file}, which must belong to the export of {@code walker}. */
    static HostFile of(BackendFile file, PathWalker walker) throws ErrnoException {
        if (file instanceof HostFile h && h.walker == walker) {
            return h;
        }
        throw new ErrnoException(Errno.EBADF);
    }

    @Override
    public int dupForDonation() throws ErrnoException {
        if (type != ProtocolConstants.S_IFREG || (openFlags & ProtocolConstants.O_PATH) != 0) {
            return -1;
        }
        return fd.apply(Sys::dupCloexec);
    }

    HostFd fd() {
        return fd;
    }

    List<byte[]> path() {
        return path;
    }

    boolean isDirectory() {
        return type == ProtocolConstants.S_IFDIR;
    }

    private boolean isPathOnly() {
        return (openFlags & ProtocolConstants.O_PATH) != 0;
    }

    @Override
    public int openFlags() {
        return openFlags;
    }

    @Override
    public FileAttr fstat() throws ErrnoException {
        return fd.apply(Sys::fstat);
    }

    @Override
    public FsStat fstatfs() throws ErrnoException {
        return fd.apply(Sys::fstatfs);
    }

    @Override
    public ReadResult pread(long offset, ByteBuffer dst) throws ErrnoException {
        if (stream != null) {
            return stream.readNow(dst);
        }
        return fd.apply(n -> {
            int wanted = dst.remaining();
            int count = Sys.pread(n, dst, offset);
            boolean eof = count < wanted || offset + count >= Sys.fstat(n).size();
            return new ReadResult(count, eof);
        });
    }

    @Override
    public int pwrite(long offset, ByteBuffer src) throws ErrnoException {
        if (stream != null) {
            return stream.writeNow(src);
        }
        return fd.apply(n -> Sys.pwrite(n, src, offset));
    }

    @Override
    public int readLength(int requested) {
        return stream != null ? stream.readLength(requested) : requested;
    }

    @Override
    public CompletionStage<ReadResult> read(long offset, ByteBuffer dst) throws ErrnoException {
        return stream != null ? stream.read(dst) : BackendFile.super.read(offset, dst);
    }

    @Override
    public CompletionStage<Integer> write(long offset, ByteBuffer src) throws ErrnoException {
        return stream != null ? stream.write(src) : BackendFile.super.write(offset, src);
    }

    @Override
    public void fsync(boolean dataOnly) throws ErrnoException {
        fd.apply(n -> {
            Sys.fsync(n, dataOnly);
            return null;
        });
    }

    @Override
    public FileAttr ftruncate(long size) throws ErrnoException {
        return fd.apply(n -> {
            Sys.ftruncate(n, size);
            return Sys.fstat(n);
        });
    }

    @Override
    public FileAttr fallocate(int mode, long offset, long length) throws ErrnoException {
        return fd.apply(n -> {
            Sys.fallocate(n, mode, offset, length);
            return Sys.fstat(n);
        });
    }

    @Override
    public DirBatch getdents(long cookie, int maxEntries, boolean withAttrs) throws ErrnoException {
        listing.lock();
        try {
            return fd.apply(n -> DirLister.list(n, path.isEmpty(), cookie, maxEntries, withAttrs));
        } finally {
            listing.unlock();
        }
    }

    @Override
    public SetAttrResult fsetattr(SetAttrSpec spec) throws ErrnoException {
        if (isPathOnly()) {
            throw new ErrnoException(Errno.EBADF, "FSETATTR on an O_PATH handle");
        }
        return fd.apply(n -> AttrSetter.apply(n, type, openFlags, spec));
    }

    @Override
    public byte[] freadlink() throws ErrnoException {
        if (type != ProtocolConstants.S_IFLNK) {
            throw new ErrnoException(Errno.EINVAL, "not a symlink");
        }
        return fd.apply(n -> Sys.readlinkat(n, Paths.EMPTY));
    }

    @Override
    public byte[] fgetxattr(byte[] name) throws ErrnoException {
        return fd.apply(n -> XattrAccess.get(n, isPathOnly(), name));
    }

    @Override
    public FileAttr fsetxattr(byte[] name, byte[] value, int flags) throws ErrnoException {
        return fd.apply(n -> XattrAccess.set(n, isPathOnly(), name, value, flags));
    }

    @Override
    public List<byte[]> flistxattr() throws ErrnoException {
        return fd.apply(n -> XattrAccess.list(n, isPathOnly()));
    }

    @Override
    public FileAttr fremovexattr(byte[] name) throws ErrnoException {
        return fd.apply(n -> XattrAccess.remove(n, isPathOnly(), name));
    }

    @Override
    public void endWaits() {
        if (stream != null) {
            stream.endWaits();
        }
    }

    @Override
    public void close() {
        endWaits();
        fd.close();
    }
}
