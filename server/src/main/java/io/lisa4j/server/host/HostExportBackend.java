package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.Entry;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.spi.Lookup;
import io.lisa4j.server.spi.Opened;
import io.lisa4j.server.spi.RenameResult;
import io.lisa4j.server.spi.SetAttrResult;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A host directory exported as it is. The root is opened once; every operation walks from it
 * (or from a handle) with {@link PathWalker} and then makes exactly one syscall on a held
 * descriptor: an *at call on the parent directory and a validated name for entries, or an
 * AT_EMPTY_PATH call on the object itself. Read-only exports wrap this in
 * {@link io.lisa4j.server.spi.ReadOnlyExport}.
 */
public final class HostExportBackend implements ExportBackend {
    /** ExportSpec option that lets clients create and open device nodes. */
    public static final String ALLOW_DEVICES = "allowDevices";

    private final HostFd root;
    private final PathWalker walker;
    private final Opener opener;
    private final boolean allowDevices;

    private HostExportBackend(HostFd root, boolean allowDevices) {
        this.root = root;
        this.walker = new PathWalker(root);
        this.opener = new Opener(walker, allowDevices);
        this.allowDevices = allowDevices;
    }

    /**
     * Opens the export's root directory, a path from the operator's configuration. Sets the
     * process umask to 0: PROTOCOL.md gives clients' creation modes as they are.
     */
    public static HostExportBackend open(ExportSpec spec) throws ErrnoException {
        Sys.umask(0);
        int fd = Sys.openat(Sys.AT_FDCWD, spec.location().getBytes(StandardCharsets.UTF_8),
                ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | ProtocolConstants.O_CLOEXEC, 0);
        return new HostExportBackend(new HostFd(fd), spec.option(ALLOW_DEVICES));
    }

    @FunctionalInterface
    private interface EntryCall<T> {
        T apply(int dirFd, byte[] name) throws ErrnoException;
    }

    private <T> T onObject(Lookup at, boolean follow, HostFd.FdCall<T> call)
            throws ErrnoException, StoppedException {
        try (Resolved object = walker.object(at, follow)) {
            return call.apply(object.number());
        }
    }

    private <T> T onEntry(Lookup at, FinalDots dots, EntryCall<T> call) throws ErrnoException, StoppedException {
        try (Resolved slot = walker.entry(at, dots)) {
            return call.apply(slot.number(), slot.name());
        }
    }

    private static Entry made(int dirFd, byte[] name) throws ErrnoException {
        return new Entry(Sys.statx(dirFd, name, Sys.AT_SYMLINK_NOFOLLOW), Sys.fstat(dirFd));
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public FileAttr rootAttr() throws ErrnoException {
        return root.apply(Sys::fstat);
    }

    @Override
    public FileAttr stat(Lookup at, boolean nofollow) throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, Sys::fstat);
    }

    @Override
    public Opened open(Lookup at, int flags, int mode) throws ErrnoException, StoppedException {
        return opener.open(at, flags, mode);
    }

    @Override
    public Entry mkdir(Lookup at, int mode) throws ErrnoException, StoppedException {
        return onEntry(at, FinalDots.CREATE, (dir, name) -> {
            Sys.mkdirat(dir, name, mode & 07777);
            return made(dir, name);
        });
    }

    @Override
    public Entry mknod(Lookup at, int mode, int rdevMajor, int rdevMinor) throws ErrnoException, StoppedException {
        int type = mode & ProtocolConstants.S_IFMT;
        switch (type) {
            case 0, ProtocolConstants.S_IFREG, ProtocolConstants.S_IFIFO, ProtocolConstants.S_IFSOCK -> { }
            case ProtocolConstants.S_IFCHR, ProtocolConstants.S_IFBLK -> {
                if (!allowDevices) {
                    throw new ErrnoException(Errno.EPERM);
                }
            }
            case ProtocolConstants.S_IFDIR -> throw new ErrnoException(Errno.EPERM);
            default -> throw new ErrnoException(Errno.EINVAL);
        }
        long dev = makedev(rdevMajor, rdevMinor);
        return onEntry(at, FinalDots.CREATE, (dir, name) -> {
            Sys.mknodat(dir, name, mode, dev);
            return made(dir, name);
        });
    }

    /** glibc's makedev encoding of a dev_t. */
    private static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    @Override
    public Entry symlink(Lookup at, byte[] target) throws ErrnoException, StoppedException {
        checkSymlinkTarget(target);
        return onEntry(at, FinalDots.CREATE, (dir, name) -> {
            Sys.symlinkat(target, dir, name);
            return made(dir, name);
        });
    }

    private static void checkSymlinkTarget(byte[] target) throws ErrnoException {
        if (target.length == 0) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (target.length > ProtocolConstants.MAX_SYMLINK_TARGET) {
            throw new ErrnoException(Errno.ENAMETOOLONG);
        }
        for (byte b : target) {
            if (b == 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
        }
    }

    @Override
    public Entry link(Lookup existing, Lookup newPath, boolean follow) throws ErrnoException, StoppedException {
        try (Resolved object = walker.object(existing, follow);
                Resolved slot = secondEntry(existing, newPath, FinalDots.CREATE)) {
            ProcSelfFd.link(object.number(), slot.number(), slot.name());
            return made(slot.number(), slot.name());
        }
    }

    /**
     * Walks the second path of LINK or RENAME. A stop there is numbered after the first path's
     * components (PROTOCOL.md §6.3), so the client can tell which path stopped.
     */
    private Resolved secondEntry(Lookup first, Lookup second, FinalDots dots) throws ErrnoException, StoppedException {
        try {
            return walker.entry(second, dots);
        } catch (StoppedException e) {
            throw new StoppedException(e.reason(), first.components().size() + e.componentIndex(), e.target());
        }
    }

    @Override
    public byte[] readlink(Lookup at) throws ErrnoException, StoppedException {
        return onObject(at, false, fd -> {
            if (Sys.fstat(fd).type() != ProtocolConstants.S_IFLNK) {
                throw new ErrnoException(Errno.EINVAL);
            }
            return Sys.readlinkat(fd, Paths.EMPTY);
        });
    }

    @Override
    public FileAttr unlink(Lookup at, int flags) throws ErrnoException, StoppedException {
        FinalDots dots = (flags & ProtocolConstants.AT_REMOVEDIR) != 0 ? FinalDots.RMDIR : FinalDots.UNLINK;
        return onEntry(at, dots, (dir, name) -> {
            Sys.unlinkat(dir, name, flags);
            return Sys.fstat(dir);
        });
    }

    @Override
    public RenameResult rename(Lookup from, Lookup to, int flags) throws ErrnoException, StoppedException {
        // rename(2) walks both paths, each up to the search permission on the directory of its final
        // component, before it refuses a final "." or "..".
        try (Resolved source = searchable(walker.entry(from, FinalDots.KEEP));
                Resolved target = searchable(secondEntry(from, to, FinalDots.KEEP))) {
            if (Paths.isDotOrDotDot(source.name())) {
                throw new ErrnoException(Errno.EBUSY);
            }
            if (Paths.isDotOrDotDot(target.name())) {
                // An existing directory: "no replace" says so first.
                throw new ErrnoException((flags & ProtocolConstants.RENAME_NOREPLACE) != 0 ? Errno.EEXIST : Errno.EBUSY);
            }
            Sys.renameat2(source.number(), source.name(), target.number(), target.name(), flags);
            FileAttr moved = Sys.statx(target.number(), target.name(), Sys.AT_SYMLINK_NOFOLLOW);
            FileAttr exchanged = (flags & ProtocolConstants.RENAME_EXCHANGE) != 0
                    ? Sys.statx(source.number(), source.name(), Sys.AT_SYMLINK_NOFOLLOW)
                    : null;
            return new RenameResult(Sys.fstat(source.number()), Sys.fstat(target.number()), moved, exchanged);
        }
    }

    /** {@code slot}, once the caller may search its directory; closed on EACCES. */
    private static Resolved searchable(Resolved slot) throws ErrnoException {
        try {
            PathWalker.requireSearch(slot.number());
            return slot;
        } catch (ErrnoException e) {
            slot.close();
            throw e;
        }
    }

    @Override
    public SetAttrResult setattr(Lookup at, boolean nofollow, SetAttrSpec spec) throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, fd -> AttrSetter.apply(fd, Sys.fstat(fd).type(), -1, spec));
    }

    @Override
    public FsStat statfs(Lookup at) throws ErrnoException, StoppedException {
        return onObject(at, true, Sys::fstatfs);
    }

    @Override
    public void access(Lookup at, int mode, int flags) throws ErrnoException, StoppedException {
        boolean follow = (flags & ProtocolConstants.AT_SYMLINK_NOFOLLOW) == 0;
        // Always the filesystem ids: on a delegating export they are the caller's, while the thread's
        // real ids stay the daemon's. The caller's real and effective ids are one and the same here.
        int hostFlags = (flags & ~ProtocolConstants.AT_SYMLINK_NOFOLLOW) | Sys.AT_EMPTY_PATH
                | ProtocolConstants.AT_EACCESS;
        onObject(at, follow, fd -> {
            Sys.faccessat2(fd, Paths.EMPTY, mode, hostFlags);
            return null;
        });
    }

    @Override
    public byte[] getxattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, fd -> XattrAccess.get(fd, true, name));
    }

    @Override
    public FileAttr setxattr(Lookup at, boolean nofollow, byte[] name, byte[] value, int flags)
            throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, fd -> XattrAccess.set(fd, true, name, value, flags));
    }

    @Override
    public List<byte[]> listxattr(Lookup at, boolean nofollow) throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, fd -> XattrAccess.list(fd, true));
    }

    @Override
    public FileAttr removexattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException, StoppedException {
        return onObject(at, !nofollow, fd -> XattrAccess.remove(fd, true, name));
    }

    @Override
    public void close() {
        root.close();
    }
}
