package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_CLOEXEC;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.Lookup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@link Lookup} inside one export (PROTOCOL.md §6), one component at a time: each
 * step opens one validated name with O_PATH|O_NOFOLLOW in a directory already held, so the
 * kernel never follows a symlink or a ".." on our behalf. The walk keeps the directories it
 * went through, and handles ".." itself by going back to the previous one; above a base
 * handle it re-walks the base's recorded path from the root, descending only through real
 * directories, so a stale record can fail a lookup but never lead outside the export.
 *
 * <p>Fast path: when every component is a plain name (no "." or ".."), the names are first
 * resolved together with one openat2 from the start directory, with RESOLVE_BENEATH,
 * RESOLVE_NO_SYMLINKS and RESOLVE_NO_MAGICLINKS, so the kernel itself refuses every symlink
 * and every way out. Only a success is used: it is what the component walk would have found,
 * since that walk too only descends through names, and records the same path. Any failure
 * (ELOOP at a symlink the walk must follow or stop at, ENOENT, ENOTDIR, EAGAIN, ...) falls
 * back to the component walk, which gives the exact errno or stop.
 *
 * <p>As in Linux: looking up "." or ".." needs search permission on the directory it is looked up
 * in (the kernel checks it for names when we open them); a symlink followed in the final position
 * whose target ends in '/' makes the walk require a directory at its end (ENOTDIR, or EISDIR for
 * a lookup that would create the entry).
 */
final class PathWalker {
    private static final long RESOLVE_STRICT =
            Sys.RESOLVE_BENEATH | Sys.RESOLVE_NO_SYMLINKS | Sys.RESOLVE_NO_MAGICLINKS;
    private static volatile boolean openat2Missing;

    private final HostFd root;
    private final boolean fastPath;

    PathWalker(HostFd root) {
        this(root, true);
    }

    /** {@code fastPath} false: always the component walk (for tests that compare the two). */
    PathWalker(HostFd root, boolean fastPath) {
        this.root = root;
        this.fastPath = fastPath;
    }

    /** The object itself, as an O_PATH descriptor; a final symlink is followed iff {@code followFinal}. */
    Resolved object(Lookup at, boolean followFinal) throws ErrnoException, StoppedException {
        return walk(at, false, followFinal, null);
    }

    /** The directory holding the final entry, and its name; a final "." or ".." fails per {@code dots}. */
    Resolved entry(Lookup at, FinalDots dots) throws ErrnoException, StoppedException {
        return walk(at, true, false, dots);
    }

    /**
     * Like {@link #entry} but a final symlink is followed to the entry it names, which may not
     * exist yet (open with O_CREAT); a final directory named by "." or ".." gives a null name.
     */
    Resolved entryFollowing(Lookup at) throws ErrnoException, StoppedException {
        return walk(at, true, true, null);
    }

    private Resolved walk(Lookup at, boolean entry, boolean followFinal, FinalDots dots)
            throws ErrnoException, StoppedException {
        HostFile base = at.base() == null ? null : HostFile.of(at.base(), this);
        if (entry && at.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (base != null && !at.isEmpty() && !base.isDirectory()) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        try (HostFd.Lease rootLease = root.lease();
                HostFd.Lease baseLease = base == null ? null : base.fd().lease()) {
            int startFd = baseLease == null ? rootLease.fd() : baseLease.fd();
            List<byte[]> startPath = base == null ? List.of() : base.path();
            if (fastPath && !openat2Missing && Paths.allPlain(at.components())) {
                Resolved fast = entry ? fastEntry(startFd, startPath, at.components(), followFinal)
                        : fastObject(startFd, startPath, at.components(), followFinal);
                if (fast != null) {
                    return fast;
                }
            }
            try (Walk walk = new Walk(at, rootLease.fd(), startFd, startPath)) {
                return walk.run(entry, followFinal, dots);
            }
        }
    }

    /**
     * The object named by plain {@code names} below {@code startFd}, in one openat2, or null.
     * Without O_NOFOLLOW a final symlink fails with ELOOP like any other, so the walk follows it.
     */
    static Resolved fastObject(int startFd, List<byte[]> startPath, List<byte[]> names, boolean followFinal) {
        if (names.isEmpty()) {
            return null;
        }
        int fd = openBeneath(startFd, names, names.size(), followFinal ? 0 : O_NOFOLLOW);
        return fd < 0 ? null : new Resolved(new HostFd(fd), Paths.concat(startPath, names, names.size()), null);
    }

    /**
     * The directory holding the last of plain {@code names}, in one openat2, or null. Following,
     * the final name must also be absent or no symlink, which one more openat2 without O_NOFOLLOW
     * tells; a final symlink is left to the walk, which follows it or stops there.
     */
    static Resolved fastEntry(int startFd, List<byte[]> startPath, List<byte[]> names, boolean followFinal) {
        int depth = names.size() - 1;
        if (depth < 1) {
            return null; // the walk's parent is the start itself: nothing to save
        }
        int fd = openBeneath(startFd, names, depth, O_DIRECTORY);
        if (fd < 0) {
            return null;
        }
        Resolved slot = new Resolved(new HostFd(fd), Paths.concat(startPath, names, depth), names.get(depth));
        if (followFinal && !absentOrNoSymlink(fd, slot.name())) {
            slot.close();
            return null;
        }
        return slot;
    }

    private static boolean absentOrNoSymlink(int dirFd, byte[] name) {
        try {
            Sys.close(Sys.openat2(dirFd, name, O_PATH | O_CLOEXEC, 0, RESOLVE_STRICT));
            return true;
        } catch (ErrnoException e) {
            return e.is(Errno.ENOENT);
        }
    }

    /**
     * The first {@code count} of {@code names} joined and opened O_PATH with {@code extraFlags},
     * strictly beneath {@code startFd}; -1 on any failure, which the caller answers with the walk.
     */
    private static int openBeneath(int startFd, List<byte[]> names, int count, int extraFlags) {
        try {
            return Sys.openat2(startFd, Paths.join(names, count), O_PATH | O_CLOEXEC | extraFlags, 0, RESOLVE_STRICT);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOSYS)) {
                openat2Missing = true;
            }
            return -1;
        }
    }

    /**
     * EACCES unless the caller (the thread's filesystem ids, as on every host call) may search
     * directory {@code fd}: what the kernel requires before it looks up any name in it, "." and ".."
     * included. Root passes, as with CAP_DAC_READ_SEARCH.
     */
    static void requireSearch(int fd) throws ErrnoException {
        Sys.faccessat2(fd, Paths.EMPTY, ProtocolConstants.X_OK, Sys.AT_EMPTY_PATH | ProtocolConstants.AT_EACCESS);
    }

    static int openPath(int dirFd, byte[] name, int extraFlags) throws ErrnoException {
        int flags = O_PATH | O_NOFOLLOW | O_CLOEXEC | extraFlags;
        if (!openat2Missing) {
            try {
                // Defence in depth: even a name that slipped past validation cannot leave dirFd.
                return Sys.openat2(dirFd, name, flags, 0, RESOLVE_STRICT);
            } catch (ErrnoException e) {
                if (!e.is(Errno.ENOSYS)) {
                    throw e;
                }
                openat2Missing = true;
            }
        }
        return Sys.openat(dirFd, name, flags, 0);
    }

    /** The state of one walk: the directories held from the start (or the root) down to the current one. */
    private static final class Walk implements AutoCloseable {
        private record Frame(int fd, HostFd owned) {}

        /** A component still to resolve; {@code index} is its position in the request (-1 from a symlink). */
        private record Pending(byte[] name, int index) {}

        private final ResolveMode mode;
        private final int rootFd;
        private final ArrayList<byte[]> names;
        private final ArrayList<Frame> frames = new ArrayList<>();
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private int symlinks;
        /** A symlink followed in the final position had a target ending in '/'. */
        private boolean directoryRequired;

        Walk(Lookup at, int rootFd, int startFd, List<byte[]> startPath) {
            this.mode = at.mode();
            this.rootFd = rootFd;
            this.names = new ArrayList<>(startPath);
            frames.add(new Frame(startFd, null));
            List<byte[]> components = at.components();
            for (int i = 0; i < components.size(); i++) {
                pending.add(new Pending(components.get(i), i));
            }
        }

        Resolved run(boolean entry, boolean followFinal, FinalDots dots) throws ErrnoException, StoppedException {
            while (!pending.isEmpty()) {
                Pending next = pending.poll();
                boolean last = pending.isEmpty();
                byte[] name = next.name();
                Paths.checkComponent(name);
                boolean dot = Paths.isDot(name);
                boolean dotDot = Paths.isDotDot(name);
                if (dot || dotDot) {
                    // Looked up in the current directory like any name, so it needs search permission there.
                    requireSearch(current());
                    if (last && entry && dots != null) {
                        if (dots.keeps()) {
                            return takeCurrent(name);
                        }
                        throw new ErrnoException(dot ? dots.dot() : dots.dotDot());
                    }
                    if (dotDot) {
                        climb(next.index());
                    }
                    continue;
                }
                if (last && entry && !followFinal) {
                    return takeCurrent(name);
                }
                if (last && entry && directoryRequired) {
                    // open(2) with O_CREAT on a name with a trailing slash, after the walk to it.
                    requireSearch(current());
                    throw new ErrnoException(Errno.EISDIR);
                }
                Resolved found = step(next, last, entry, followFinal);
                if (found != null) {
                    return found;
                }
            }
            return takeCurrent(null);
        }

        /** Resolves one name; returns the walk's result when it ends here, or null to go on. */
        private Resolved step(Pending next, boolean last, boolean entry, boolean followFinal)
                throws ErrnoException, StoppedException {
            byte[] name = next.name();
            int fd;
            try {
                fd = openPath(current(), name, 0);
            } catch (ErrnoException e) {
                if (last && entry && e.is(Errno.ENOENT)) {
                    return takeCurrent(name);
                }
                throw e;
            }
            HostFd held = new HostFd(fd);
            boolean kept = false;
            try {
                int type = Sys.fstat(fd).type();
                if (type == ProtocolConstants.S_IFLNK && (followFinal || !last)) {
                    byte[] target = Sys.readlinkat(fd, Paths.EMPTY);
                    if (mode == ResolveMode.STOP) {
                        throw new StoppedException(StoppedException.Reason.SYMLINK, next.index(), target);
                    }
                    follow(target);
                    // A target ending in '/' in the final position asks for a directory, as a trailing
                    // slash does; once asked, the rest of the walk (further symlinks) must end at one.
                    directoryRequired |= last && Paths.endsWithSlash(target);
                    return null;
                }
                if (last) {
                    if (entry) {
                        return takeCurrent(name);
                    }
                    if (directoryRequired && type != ProtocolConstants.S_IFDIR) {
                        throw new ErrnoException(Errno.ENOTDIR);
                    }
                    kept = true;
                    return new Resolved(held, Paths.child(names, name), null);
                }
                if (type != ProtocolConstants.S_IFDIR) {
                    throw new ErrnoException(Errno.ENOTDIR);
                }
                frames.add(new Frame(fd, held));
                names.add(name);
                kept = true;
                return null;
            } finally {
                if (!kept) {
                    held.close();
                }
            }
        }

        private int current() {
            return frames.getLast().fd();
        }

        /** Hands the current directory to the caller: the walk's own descriptor, or a duplicate of a borrowed one. */
        private Resolved takeCurrent(byte[] name) throws ErrnoException {
            Frame top = frames.getLast();
            HostFd fd;
            if (top.owned() != null) {
                frames.removeLast();
                fd = top.owned();
            } else {
                fd = new HostFd(Sys.dupCloexec(top.fd()));
            }
            return new Resolved(fd, List.copyOf(names), name);
        }

        private void climb(int index) throws ErrnoException, StoppedException {
            if (names.isEmpty()) {
                if (mode == ResolveMode.STOP) {
                    throw new StoppedException(StoppedException.Reason.ABOVE_ROOT, index, null);
                }
                return;
            }
            names.removeLast();
            if (frames.size() > 1) {
                frames.removeLast().owned().close();
                return;
            }
            rewalkFromRoot(List.copyOf(names));
        }

        private void follow(byte[] target) throws ErrnoException {
            if (++symlinks > ProtocolConstants.MAX_SYMLINK_FOLLOWS) {
                throw new ErrnoException(Errno.ELOOP);
            }
            if (target.length == 0) {
                throw new ErrnoException(Errno.ENOENT);
            }
            if (Paths.isAbsolute(target)) {
                rewalkFromRoot(List.of());
            }
            List<byte[]> parts = Paths.split(target);
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.addFirst(new Pending(parts.get(i), -1));
            }
        }

        /** Moves to {@code path} below the root, through real directories only. */
        private void rewalkFromRoot(List<byte[]> path) throws ErrnoException {
            closeOwned();
            frames.clear();
            frames.add(new Frame(rootFd, null));
            names.clear();
            for (byte[] name : path) {
                int fd = openPath(current(), name, O_DIRECTORY);
                frames.add(new Frame(fd, new HostFd(fd)));
                names.add(name);
            }
        }

        private void closeOwned() {
            for (Frame f : frames) {
                if (f.owned() != null) {
                    f.owned().close();
                }
            }
        }

        @Override
        public void close() {
            closeOwned();
        }
    }
}
