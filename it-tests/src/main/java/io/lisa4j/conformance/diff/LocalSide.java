package io.lisa4j.conformance.diff;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.RawDirent;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.host.sys.Xattrs;
import io.lisa4j.server.security.ThreadCredentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The oracle: each op as the syscalls themselves, through the server's own FFM layer, on a local
 * directory. Where a reply carries more than the syscall returns (the attributes after a change,
 * PREAD's eof, OPEN's created), it is what the kernel says right after the call. Creation modes
 * are applied without a umask, as the protocol does. With a {@code caller}, each op runs with the
 * caller's filesystem uid, gid and groups on this thread, as a delegating server runs a request,
 * so the kernel judges permissions as that caller.
 */
public final class LocalSide implements Side {
    private static final int O_CLOEXEC = 0x80000;
    /** Room for exactly {@link Op#DIRENTS} records of the generator's short names (24 bytes each). */
    private static final int DIRENTS_BUFFER = 24 * Op.DIRENTS;
    private static final int LIST_FLAGS = ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY | O_CLOEXEC;

    private final Credentials caller;
    private final int root;
    private final int[] slots = new int[OpGenerator.SLOTS];
    private final boolean[] listed = new boolean[OpGenerator.SLOTS];

    /** {@code caller}: null to act as this process. */
    public LocalSide(Path dir, Credentials caller) throws ErrnoException {
        Sys.umask(0);
        this.caller = caller;
        this.root = Sys.openat(Sys.AT_FDCWD, bytes(dir.toString()),
                ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | O_CLOEXEC, 0);
        Arrays.fill(slots, -1);
    }

    @Override
    public String apply(Op op) {
        return Side.outcome(() -> caller == null ? run(op) : ThreadCredentials.runAs(caller, () -> run(op)));
    }

    private String run(Op op) throws ErrnoException {
        byte[] p = op.path() == null ? null : bytes(op.path());
        return switch (op.kind()) {
            case OPEN -> open(op, p);
            case CLOSE -> {
                int fd = fd(op);
                slots[op.slot()] = -1;
                Sys.close(fd);
                yield "ok";
            }
            case PWRITE -> {
                int n = Sys.pwrite(fd(op), ByteBuffer.wrap(op.data()), op.n());
                yield "ok " + n + " " + AttrView.of(Sys.fstat(fd(op)));
            }
            case PREAD -> {
                ByteBuffer buf = ByteBuffer.allocate((int) op.m());
                int n = Sys.pread(fd(op), buf, op.n());
                boolean eof = op.n() + n >= Sys.fstat(fd(op)).size();
                yield "ok " + Side.text(Arrays.copyOf(buf.array(), n)) + " eof=" + eof;
            }
            case FTRUNCATE -> {
                Sys.ftruncate(fd(op), op.n());
                yield "ok " + AttrView.of(Sys.fstat(fd(op)));
            }
            case MKDIR -> entry(op.path(), false, () -> Sys.mkdirat(root, p, (int) op.n()));
            case RMDIR -> entry(op.path(), true, () -> Sys.unlinkat(root, p, ProtocolConstants.AT_REMOVEDIR));
            case UNLINK -> entry(op.path(), true, () -> Sys.unlinkat(root, p, 0));
            case RENAME -> entry(op.path2(), false, () -> Sys.renameat2(root, p, root, bytes(op.path2()), op.flags()));
            case SYMLINK -> entry(op.path(), false, () -> Sys.symlinkat(bytes(op.path2()), root, p));
            case LINK -> entry(op.path2(), false, () -> Sys.linkat(root, p, root, bytes(op.path2()), 0));
            case SET_MODE, SET_SIZE, SET_TIMES, SET_MTIME_NOW -> setattr(op, p);
            case STAT -> "ok " + AttrView.of(Sys.statx(root, p, 0));
            case LSTAT -> "ok " + AttrView.of(Sys.statx(root, p, Sys.AT_SYMLINK_NOFOLLOW));
            case LIST -> list(op.path());
            case SETXATTR -> {
                Xattrs.set(xattrTarget(op), bytes(op.path2()), op.data(), op.flags());
                yield "ok " + AttrView.of(Sys.statx(root, p, 0));
            }
            case GETXATTR -> "ok " + Side.text(Xattrs.get(xattrTarget(op), bytes(op.path2())));
            case LISTXATTR -> "ok " + Side.names(Xattrs.list(xattrTarget(op)).stream()
                    .map(n -> new String(n, StandardCharsets.UTF_8)).toList());
            case REMOVEXATTR -> {
                Xattrs.remove(xattrTarget(op), bytes(op.path2()));
                yield "ok " + AttrView.of(Sys.statx(root, p, 0));
            }
            case READLINK -> "ok " + Side.text(Sys.readlinkat(root, p));
            case ACCESS -> {
                // A caller's process has its real ids equal to its filesystem ids; this thread does not.
                Sys.faccessat2(root, p, op.flags(), caller == null ? 0 : ProtocolConstants.AT_EACCESS);
                yield "ok";
            }
            case GETDENTS -> {
                // The descriptor's own position is where the last read stopped: no seek, as a program reads.
                int fd = fd(op);
                List<String> entries = new ArrayList<>();
                for (RawDirent d : Sys.getdents64(fd, DIRENTS_BUFFER)) {
                    entries.add(Side.dirent(d.name(), d.type(), lstat(fd, d.name())));
                }
                yield Side.firstBatch(listed, op.slot(), entries);
            }
        };
    }

    private String open(Op op, byte[] p) throws ErrnoException {
        boolean existed = true;
        if ((op.flags() & O_CREAT) != 0) {
            try {
                Sys.statx(root, p, 0);
            } catch (ErrnoException e) {
                existed = e.errno() != Errno.ENOENT.number();
            }
        }
        int fd = Sys.openat(root, p, op.flags() | O_CLOEXEC, (int) op.n());
        closeSlot(op.slot());
        slots[op.slot()] = fd;
        listed[op.slot()] = false;
        return "ok " + AttrView.of(Sys.fstat(fd)) + " created=" + !existed;
    }

    /** The four steps of SETATTR: a walk error fails the call, a failed field is reported inside it. */
    private String setattr(Op op, byte[] p) throws ErrnoException {
        // Held from before the change, as the server holds it: a new mode may forbid looking it up again.
        int object = Sys.openat(root, p, ProtocolConstants.O_PATH | O_CLOEXEC, 0);
        try {
            String failures = change(op, p);
            return "ok " + AttrView.of(Sys.fstat(object)) + failures;
        } finally {
            Sys.close(object);
        }
    }

    private String change(Op op, byte[] p) {
        try {
            switch (op.kind()) {
                case SET_MODE -> Sys.fchmodat(root, p, (int) op.n(), 0);
                case SET_SIZE -> {
                    int fd = Sys.openat(root, p, ProtocolConstants.O_WRONLY | O_CLOEXEC, 0);
                    try {
                        Sys.ftruncate(fd, op.n());
                    } finally {
                        Sys.close(fd);
                    }
                }
                case SET_TIMES -> Sys.utimensat(root, p, op.n(), op.m(), op.n(), op.m(), 0);
                default -> Sys.utimensat(root, p, 0, Sys.UTIME_OMIT, 0, Sys.UTIME_NOW, 0);
            }
        } catch (ErrnoException e) {
            return " failed=" + Side.errnoName(e.errno());
        }
        return "";
    }

    private String list(String path) throws ErrnoException {
        // The run's directory itself is reached as the server reaches it, by name from above, not
        // through a "." that would need search permission in it.
        int fd = path.isEmpty()
                ? Sys.openat(Sys.AT_FDCWD, bytes("/proc/self/fd/" + root), LIST_FLAGS, 0)
                : Sys.openat(root, bytes(path), LIST_FLAGS, 0);
        try {
            List<String> entries = new ArrayList<>();
            for (List<RawDirent> batch = Sys.getdents64(fd, 4096); !batch.isEmpty(); batch = Sys.getdents64(fd, 4096)) {
                for (RawDirent d : batch) {
                    entries.add(Side.dirent(d.name(), d.type(), lstat(fd, d.name())));
                }
            }
            return "ok " + Side.entries(entries);
        } finally {
            Sys.close(fd);
        }
    }

    /** What GETDENTS with attributes reports for an entry: its lstat, or null when that fails (no search permission). */
    private static FileAttr lstat(int dirFd, byte[] name) {
        try {
            return Sys.statx(dirFd, name, Sys.AT_SYMLINK_NOFOLLOW);
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** The path below the run's directory, reached through its descriptor, so the directories above it need no permission. */
    private Xattrs.Target xattrTarget(Op op) {
        return new Xattrs.Target(-1, bytes("/proc/self/fd/" + root + "/" + op.path()));
    }

    /** A call that changes the entry {@code path}. */
    @FunctionalInterface
    private interface EntryCall {
        void run() throws ErrnoException;
    }

    /**
     * Runs {@code call} and reads what the reply reports afterwards: the entry at {@code path}, or
     * with {@code parentOnly} its parent directory. The parent is looked up before the call, as the
     * server holds it, since the call may change what the path leads to (renaming a symlink that the
     * path walks through, say).
     */
    private String entry(String path, boolean parentOnly, EntryCall call) throws ErrnoException {
        int slash = path.lastIndexOf('/');
        int parent = root;
        if (slash >= 0) {
            try {
                parent = Sys.openat(root, bytes(path.substring(0, slash)),
                        ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | O_CLOEXEC, 0);
            } catch (ErrnoException e) {
                parent = -1; // the call fails as the walk did
            }
        }
        try {
            call.run();
            if (parent < 0) {
                return "ok ?";
            }
            return "ok " + AttrView.of(parentOnly ? Sys.fstat(parent)
                    : Sys.statx(parent, bytes(path.substring(slash + 1)), Sys.AT_SYMLINK_NOFOLLOW));
        } finally {
            if (parent >= 0 && parent != root) {
                Sys.close(parent);
            }
        }
    }

    private int fd(Op op) throws ErrnoException {
        int fd = slots[op.slot()];
        if (fd < 0) {
            throw new ErrnoException(Errno.EBADF.number(), "slot " + op.slot() + " is not open");
        }
        return fd;
    }

    private void closeSlot(int slot) {
        if (slots[slot] >= 0) {
            try {
                Sys.close(slots[slot]);
            } catch (ErrnoException ignored) {
                // the descriptor is released either way
            }
            slots[slot] = -1;
        }
    }

    /** Closes the slots and the directory descriptor. */
    @Override
    public void close() {
        for (int i = 0; i < slots.length; i++) {
            closeSlot(i);
        }
        try {
            Sys.close(root);
        } catch (ErrnoException ignored) {
            // released either way
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
