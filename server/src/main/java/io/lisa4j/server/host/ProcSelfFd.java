package io.lisa4j.server.host;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.host.sys.Sys;
import java.nio.charset.StandardCharsets;

/**
 * The process's /proc/self/fd directory, opened once. Its entries are magic links to the
 * objects behind our own descriptors: the only way to open an O_PATH descriptor for I/O, or to
 * chmod or link the object behind it, without naming it by a path a client could influence.
 */
final class ProcSelfFd {
    private ProcSelfFd() {}

    private static final int DIR = openDirectory();

    private static int openDirectory() {
        try {
            return Sys.openat(Sys.AT_FDCWD, "/proc/self/fd".getBytes(StandardCharsets.US_ASCII),
                    ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | ProtocolConstants.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw new IllegalStateException("cannot open /proc/self/fd: is /proc mounted?", e);
        }
    }

    static byte[] entry(int fd) {
        return Integer.toString(fd).getBytes(StandardCharsets.US_ASCII);
    }

    /** Opens the object behind {@code fd} anew with {@code flags} (always close-on-exec). */
    static int reopen(int fd, int flags) throws ErrnoException {
        return Sys.openat(DIR, entry(fd), flags | ProtocolConstants.O_CLOEXEC, 0);
    }

    /** chmod of the object behind {@code fd}, which the caller has checked is no symlink. */
    static void chmod(int fd, int mode) throws ErrnoException {
        Sys.fchmodat(DIR, entry(fd), mode, 0);
    }

    /** Links the object behind {@code fd} (a symlink itself, if that is what fd holds) as {@code name}. */
    static void link(int fd, int newDirFd, byte[] name) throws ErrnoException {
        Sys.linkat(DIR, entry(fd), newDirFd, name, Sys.AT_SYMLINK_FOLLOW);
    }
}
