package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_ACCMODE;
import static io.lisa4j.protocol.ProtocolConstants.O_NONBLOCK;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_ATIME;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_ATIME_NOW;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_GID;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MODE;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MTIME;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MTIME_NOW;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_SIZE;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_UID;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Timestamp;
import io.lisa4j.server.host.sys.HostFd;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.SetAttrResult;
import io.lisa4j.server.spi.SetAttrSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies SETATTR fields to the object behind a descriptor, each independently and in the order
 * size, mode, owner, times; a field that fails is reported and the others still apply.
 */
final class AttrSetter {
    private AttrSetter() {}

    @FunctionalInterface
    private interface Field {
        void apply() throws ErrnoException;
    }

    /**
     * @param fd      the object's descriptor (O_PATH or not)
     * @param type    its S_IFMT type
     * @param ioFlags the open flags of an I/O descriptor, or -1 for an O_PATH one
     */
    static SetAttrResult apply(int fd, int type, int ioFlags, SetAttrSpec spec) throws ErrnoException {
        List<SetAttrResult.FieldFailure> failures = new ArrayList<>();
        if (spec.has(SETATTR_SIZE)) {
            attempt(failures, List.of(SETATTR_SIZE), () -> truncate(fd, type, ioFlags, spec.size()));
        }
        if (spec.has(SETATTR_MODE)) {
            attempt(failures, List.of(SETATTR_MODE), () -> chmod(fd, type, spec.mode()));
        }
        List<Integer> owner = present(spec, SETATTR_UID, SETATTR_GID);
        if (!owner.isEmpty()) {
            int uid = spec.has(SETATTR_UID) ? spec.uid() : -1;
            int gid = spec.has(SETATTR_GID) ? spec.gid() : -1;
            attempt(failures, owner, () -> Sys.fchownat(fd, Paths.EMPTY, uid, gid,
                    Sys.AT_EMPTY_PATH | Sys.AT_SYMLINK_NOFOLLOW));
        }
        if (spec.changesTimes()) {
            List<Integer> times = present(spec, SETATTR_ATIME, SETATTR_ATIME_NOW, SETATTR_MTIME, SETATTR_MTIME_NOW);
            attempt(failures, times, () -> setTimes(fd, spec));
        }
        return new SetAttrResult(Sys.fstat(fd), failures);
    }

    private static List<Integer> present(SetAttrSpec spec, int... bits) {
        List<Integer> present = new ArrayList<>();
        for (int bit : bits) {
            if (spec.has(bit)) {
                present.add(bit);
            }
        }
        return present;
    }

    private static void attempt(List<SetAttrResult.FieldFailure> failures, List<Integer> bits, Field field) {
        try {
            field.apply();
        } catch (ErrnoException e) {
            for (int bit : bits) {
                failures.add(new SetAttrResult.FieldFailure(bit, e.errno()));
            }
        }
    }

    private static void truncate(int fd, int type, int ioFlags, long size) throws ErrnoException {
        if (type == ProtocolConstants.S_IFDIR) {
            throw new ErrnoException(Errno.EISDIR);
        }
        if (type != ProtocolConstants.S_IFREG) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (ioFlags != -1) {
            // ftruncate(2) semantics: a handle not open for writing cannot change the size.
            if ((ioFlags & O_ACCMODE) == O_RDONLY) {
                throw new ErrnoException(Errno.EINVAL, "handle not open for writing");
            }
            Sys.ftruncate(fd, size);
            return;
        }
        // truncate(2) semantics: the caller needs write permission, which reopening checks.
        try (HostFd writable = new HostFd(ProcSelfFd.reopen(fd, O_WRONLY | O_NONBLOCK))) {
            Sys.ftruncate(writable.number(), size);
        }
    }

    private static void chmod(int fd, int type, int mode) throws ErrnoException {
        if (type == ProtocolConstants.S_IFLNK) {
            // What fchmodat(AT_SYMLINK_NOFOLLOW) answers on Linux: symlink modes are fixed.
            throw new ErrnoException(Errno.EOPNOTSUPP);
        }
        ProcSelfFd.chmod(fd, mode & 07777);
    }

    private static void setTimes(int fd, SetAttrSpec spec) throws ErrnoException {
        long[] atime = time(spec, SETATTR_ATIME, SETATTR_ATIME_NOW, spec.atime());
        long[] mtime = time(spec, SETATTR_MTIME, SETATTR_MTIME_NOW, spec.mtime());
        Sys.utimensat(fd, Paths.EMPTY, atime[0], atime[1], mtime[0], mtime[1], Sys.AT_EMPTY_PATH);
    }

    private static long[] time(SetAttrSpec spec, int bit, int nowBit, Timestamp value) {
        if (spec.has(nowBit)) {
            return new long[] {0, Sys.UTIME_NOW};
        }
        if (spec.has(bit)) {
            return new long[] {value.seconds(), value.nanos()};
        }
        return new long[] {0, Sys.UTIME_OMIT};
    }
}
