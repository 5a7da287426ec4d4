package io.lisa4j.conformance.diff;

import java.nio.charset.StandardCharsets;

/**
 * One syscall-shaped step of a differential run. Paths are relative to the run's directory; their
 * "." and ".." components never climb above it. {@code slot} names one of a few open-handle
 * slots; {@code flags}, {@code n}, {@code m} and {@code data} carry the call's arguments as the
 * kind defines them.
 */
public record Op(Kind kind, String path, String path2, int slot, int flags, long n, long m, byte[] data) {
    public enum Kind {
        OPEN, CLOSE, PWRITE, PREAD, FTRUNCATE, MKDIR, RMDIR, UNLINK, RENAME, SYMLINK, LINK,
        SET_MODE, SET_SIZE, SET_TIMES, SET_MTIME_NOW, STAT, LSTAT, LIST,
        SETXATTR, GETXATTR, LISTXATTR, REMOVEXATTR, READLINK, ACCESS,
        /** Reads the next {@link #DIRENTS} entries of the slot's directory, where the last read stopped. */
        GETDENTS
    }

    /** Entries one GETDENTS reads. */
    public static final int DIRENTS = 2;

    /** A reproduction line: the call as C would spell it. */
    @Override
    public String toString() {
        return switch (kind) {
            case OPEN -> "h%d = open(\"%s\", 0x%x, 0%o)".formatted(slot, path, flags, n);
            case CLOSE -> "close(h%d)".formatted(slot);
            case PWRITE -> "pwrite(h%d, \"%s\", %d)".formatted(slot, text(), n);
            case PREAD -> "pread(h%d, %d, %d)".formatted(slot, m, n);
            case FTRUNCATE -> "ftruncate(h%d, %d)".formatted(slot, n);
            case MKDIR -> "mkdir(\"%s\", 0%o)".formatted(path, n);
            case RMDIR -> "rmdir(\"%s\")".formatted(path);
            case UNLINK -> "unlink(\"%s\")".formatted(path);
            case RENAME -> "renameat2(\"%s\", \"%s\", %d)".formatted(path, path2, flags);
            case SYMLINK -> "symlink(\"%s\", \"%s\")".formatted(path2, path);
            case LINK -> "link(\"%s\", \"%s\")".formatted(path, path2);
            case SET_MODE -> "chmod(\"%s\", 0%o)".formatted(path, n);
            case SET_SIZE -> "truncate(\"%s\", %d)".formatted(path, n);
            case SET_TIMES -> "utimensat(\"%s\", {%d, %d})".formatted(path, n, m);
            case SET_MTIME_NOW -> "utimensat(\"%s\", {UTIME_OMIT, UTIME_NOW})".formatted(path);
            case STAT -> "stat(\"%s\")".formatted(path);
            case LSTAT -> "lstat(\"%s\")".formatted(path);
            case LIST -> "getdents(\"%s\")".formatted(path);
            case SETXATTR -> "setxattr(\"%s\", \"%s\", \"%s\", %d)".formatted(path, path2, text(), flags);
            case GETXATTR -> "getxattr(\"%s\", \"%s\")".formatted(path, path2);
            case LISTXATTR -> "listxattr(\"%s\")".formatted(path);
            case REMOVEXATTR -> "removexattr(\"%s\", \"%s\")".formatted(path, path2);
            case READLINK -> "readlink(\"%s\")".formatted(path);
            case ACCESS -> "access(\"%s\", %d)".formatted(path, flags);
            case GETDENTS -> "getdents(h%d, %d entries)".formatted(slot, DIRENTS);
        };
    }

    private String text() {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
