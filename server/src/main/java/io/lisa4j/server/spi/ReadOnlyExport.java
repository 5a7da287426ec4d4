package io.lisa4j.server.spi;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.util.List;

/**
 * Makes any export read-only: every mutation fails with EROFS before the backend sees it,
 * including OPEN for writing, with O_CREAT or with O_TRUNC, and the mutating calls of the files
 * it opens. Lookups are passed on, with handle bases unwrapped for the backend.
 */
public final class ReadOnlyExport implements ExportBackend {
    private final ExportBackend backend;

    public ReadOnlyExport(ExportBackend backend) {
        this.backend = backend;
    }

    private static ErrnoException readOnlyFs() {
        return new ErrnoException(Errno.EROFS);
    }

    private static Lookup unwrap(Lookup at) {
        return at.base() instanceof ReadOnlyFile file ? new Lookup(file.backendFile(), at.components(), at.mode()) : at;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public FileAttr rootAttr() throws ErrnoException {
        return backend.rootAttr();
    }

    @Override
    public FileAttr stat(Lookup at, boolean nofollow) throws ErrnoException, StoppedException {
        return backend.stat(unwrap(at), nofollow);
    }

    @Override
    public Opened open(Lookup at, int flags, int mode) throws ErrnoException, StoppedException {
        boolean pathOnly = (flags & ProtocolConstants.O_PATH) != 0;
        boolean writes = (flags & ProtocolConstants.O_ACCMODE) != ProtocolConstants.O_RDONLY
                || (flags & (ProtocolConstants.O_CREAT | ProtocolConstants.O_TRUNC)) != 0;
        if (writes && !pathOnly) {
            throw readOnlyFs();
        }
        Opened opened = backend.open(unwrap(at), flags, mode);
        return new Opened(new ReadOnlyFile(opened.file()), opened.attr(), opened.created(), opened.parent());
    }

    @Override
    public Entry mkdir(Lookup at, int mode) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public Entry mknod(Lookup at, int mode, int rdevMajor, int rdevMinor) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public Entry symlink(Lookup at, byte[] target) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public Entry link(Lookup existing, Lookup newPath, boolean follow) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public byte[] readlink(Lookup at) throws ErrnoException, StoppedException {
        return backend.readlink(unwrap(at));
    }

    @Override
    public FileAttr unlink(Lookup at, int flags) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public RenameResult rename(Lookup from, Lookup to, int flags) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public SetAttrResult setattr(Lookup at, boolean nofollow, SetAttrSpec spec) throws ErrnoException, StoppedException {
        if (spec.mask() != 0) {
            throw readOnlyFs();
        }
        return backend.setattr(unwrap(at), nofollow, spec);
    }

    @Override
    public FsStat statfs(Lookup at) throws ErrnoException, StoppedException {
        return backend.statfs(unwrap(at)).asReadOnly();
    }

    /** As on a read-only mount, W_OK fails with EROFS for regular files, directories and symlinks. */
    @Override
    public void access(Lookup at, int mode, int flags) throws ErrnoException, StoppedException {
        Lookup target = unwrap(at);
        if ((mode & ProtocolConstants.W_OK) != 0) {
            FileAttr attr = backend.stat(target, (flags & ProtocolConstants.AT_SYMLINK_NOFOLLOW) != 0);
            if (attr.isRegularFile() || attr.isDirectory() || attr.isSymlink()) {
                throw readOnlyFs();
            }
        }
        backend.access(target, mode, flags);
    }

    @Override
    public byte[] getxattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException, StoppedException {
        return backend.getxattr(unwrap(at), nofollow, name);
    }

    @Override
    public FileAttr setxattr(Lookup at, boolean nofollow, byte[] name, byte[] value, int flags) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public List<byte[]> listxattr(Lookup at, boolean nofollow) throws ErrnoException, StoppedException {
        return backend.listxattr(unwrap(at), nofollow);
    }

    @Override
    public FileAttr removexattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException {
        throw readOnlyFs();
    }

    @Override
    public void close() {
        backend.close();
    }
}
