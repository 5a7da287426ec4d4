package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_ACCMODE;
import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CLOEXEC;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_LARGEFILE;
import static io.lisa4j.protocol.ProtocolConstants.O_NOATIME;
import static io.lisa4j.protocol.ProtocolConstants.O_NOCTTY;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_NONBLOCK;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_SYNC;
import static io.lisa4j.protocol.ProtocolConstants.O_TMPFILE;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.Lookup;
import io.lisa4j.server.spi.Opened;
import java.util.List;

/**
 * OPEN. The object is first reached as an O_PATH descriptor and its type checked, and only then
 * opened for I/O through its /proc/self/fd link, so opening never has a side effect on an object
 * it should not touch. Special files: FIFOs are opened with O_NONBLOCK whatever the client asked
 * (a FIFO without a peer must not block a server thread; waiting, where the client wants it, is
 * done by {@link StreamWaits}); char and block devices are refused with EPERM unless the export
 * allows devices (then also O_NONBLOCK); sockets give ENXIO, as open(2) does.
 */
final class Opener {
    /** Flags that keep their meaning when an object is opened again through /proc/self/fd. */
    private static final int PASSED_ON = O_ACCMODE | O_TRUNC | O_APPEND | O_DIRECTORY | O_NOATIME | O_SYNC
            | O_DIRECT | O_NONBLOCK | O_LARGEFILE;
    /**
     * Flags that describe the client's own file description (PROTOCOL.md §8.2.2): accepted and
     * dropped. O_SYNC covers O_DSYNC; 0x2000 is O_ASYNC. O_NONBLOCK is kept: it says whether I/O on
     * a FIFO or device waits (§8.3.2), and means nothing for other files, as on Linux.
     */
    private static final int IGNORED = O_NOCTTY | O_SYNC | 0x2000 | O_DIRECT | O_LARGEFILE | O_NOATIME | O_CLOEXEC;
    /** Every flag §8.2.2 defines; any other bit gives EINVAL. */
    private static final int DEFINED = IGNORED | O_NONBLOCK | O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_DIRECTORY
            | O_NOFOLLOW | O_PATH | O_TMPFILE;
    /** Enough for any real contention between "open the existing file" and "create it". */
    private static final int CREATE_ATTEMPTS = 64;
    private static final FinalDots CREATE_EXISTING_DIR = new FinalDots(Errno.EISDIR, Errno.EISDIR);

    private final PathWalker walker;
    private final boolean allowDevices;

    Opener(PathWalker walker, boolean allowDevices) {
        this.walker = walker;
        this.allowDevices = allowDevices;
    }

    Opened open(Lookup at, int requested, int mode) throws ErrnoException, StoppedException {
        if ((requested & ~DEFINED) != 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        int flags = requested & ~IGNORED;
        boolean follow = (flags & O_NOFOLLOW) == 0;
        if ((flags & O_TMPFILE) == O_TMPFILE) {
            throw new ErrnoException(Errno.EOPNOTSUPP);
        }
        if ((flags & O_PATH) != 0) {
            // As open(2): O_PATH ignores every flag but these.
            return existing(walker.object(at, follow), flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW));
        }
        if ((flags & O_ACCMODE) == O_ACCMODE) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if ((flags & O_CREAT) == 0) {
            return existing(walker.object(at, follow), flags);
        }
        if ((flags & O_DIRECTORY) != 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return create(at, flags, mode);
    }

    /**
     * O_CREAT without O_EXCL alternates "open what is there" and "create exclusively": another
     * party creating or removing the name in between only costs another round, never a
     * spurious EEXIST or ENOENT.
     */
    private Opened create(Lookup at, int flags, int mode) throws ErrnoException, StoppedException {
        boolean exclusive = (flags & O_EXCL) != 0;
        boolean follow = (flags & O_NOFOLLOW) == 0 && !exclusive;
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            try (Resolved slot = follow ? walker.entryFollowing(at)
                    : walker.entry(at, exclusive ? FinalDots.CREATE : CREATE_EXISTING_DIR)) {
                if (slot.name() == null) {
                    throw new ErrnoException(Errno.EISDIR);
                }
                if (!exclusive) {
                    Opened existing = openIfPresent(slot, flags);
                    if (existing != null) {
                        return existing;
                    }
                }
                Opened created = createExclusive(slot, flags, mode, exclusive);
                if (created != null) {
                    return created;
                }
            }
        }
        throw new ErrnoException(Errno.EAGAIN);
    }

    /** The existing entry opened, or null if it is absent (or became a symlink to follow since the walk). */
    private Opened openIfPresent(Resolved slot, int flags) throws ErrnoException {
        int fd;
        try {
            fd = PathWalker.openPath(slot.number(), slot.name(), 0);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
        Resolved object = new Resolved(new HostFd(fd), slot.entryPath(), null);
        boolean racedIntoSymlink;
        try {
            racedIntoSymlink = (flags & O_NOFOLLOW) == 0 && Sys.fstat(fd).type() == ProtocolConstants.S_IFLNK;
        } catch (ErrnoException e) {
            object.close();
            throw e;
        }
        if (racedIntoSymlink) {
            object.close();
            return null;
        }
        return existing(object, flags);
    }

    private Opened createExclusive(Resolved slot, int flags, int mode, boolean exclusive) throws ErrnoException {
        int createFlags = (flags & PASSED_ON) | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
        int fd;
        try {
            fd = Sys.openat(slot.number(), slot.name(), createFlags, mode & 07777);
        } catch (ErrnoException e) {
            if (e.is(Errno.EEXIST) && !exclusive) {
                return null;
            }
            throw e;
        }
        HostFd file = new HostFd(fd);
        FileAttr parent;
        try {
            parent = Sys.fstat(slot.number());
        } catch (ErrnoException e) {
            file.close();
            throw e;
        }
        return opened(file, flags, slot.entryPath(), true, parent);
    }

    /** Opens the object {@code found} holds as O_PATH; takes ownership of it. */
    private Opened existing(Resolved found, int flags) throws ErrnoException {
        boolean handedOver = false;
        try {
            FileAttr attr = Sys.fstat(found.number());
            int type = attr.type();
            if ((flags & O_DIRECTORY) != 0 && type != ProtocolConstants.S_IFDIR) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            if ((flags & O_PATH) != 0) {
                handedOver = true;
                return new Opened(new HostFile(walker, found.fd(), flags, type, found.entryPath()), attr, false, null);
            }
            if (type == ProtocolConstants.S_IFLNK) {
                throw new ErrnoException(Errno.ELOOP);
            }
            if ((flags & O_CREAT) != 0 && type == ProtocolConstants.S_IFDIR) {
                throw new ErrnoException(Errno.EISDIR);
            }
            HostFd io = new HostFd(ProcSelfFd.reopen(found.number(), ioFlags(flags, type)));
            return opened(io, flags, found.entryPath(), false, null);
        } finally {
            if (!handedOver) {
                found.close();
            }
        }
    }

    private int ioFlags(int flags, int type) throws ErrnoException {
        int io = (flags & PASSED_ON) | O_NOCTTY;
        return switch (type) {
            case ProtocolConstants.S_IFREG, ProtocolConstants.S_IFDIR -> io;
            case ProtocolConstants.S_IFIFO -> io | O_NONBLOCK;
            case ProtocolConstants.S_IFCHR, ProtocolConstants.S_IFBLK -> {
                if (!allowDevices) {
                    throw new ErrnoException(Errno.EPERM);
                }
                yield io | O_NONBLOCK;
            }
            case ProtocolConstants.S_IFSOCK -> throw new ErrnoException(Errno.ENXIO);
            default -> throw new ErrnoException(Errno.EPERM);
        };
    }

    private Opened opened(HostFd file, int flags, List<byte[]> path, boolean created, FileAttr parent)
            throws ErrnoException {
        try {
            FileAttr attr = Sys.fstat(file.number());
            return new Opened(new HostFile(walker, file, flags, attr.type(), path), attr, created, parent);
        } catch (ErrnoException e) {
            file.close();
            throw e;
        }
    }
}
