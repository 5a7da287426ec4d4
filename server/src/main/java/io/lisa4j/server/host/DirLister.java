package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.RawDirent;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.DirBatch;
import java.util.ArrayList;
import java.util.List;

/** One GETDENTS batch: seek to the cookie (a d_off the kernel gave us), then read up to the limit. */
final class DirLister {
    private DirLister() {}

    private static final int BUFFER_SIZE = 32 * 1024;

    /** The caller holds the directory's listing lock: the seek and the reads share its offset. */
    static DirBatch list(int fd, boolean exportRoot, long cookie, int maxEntries,
            boolean withAttrs) throws ErrnoException {
        seek(fd, cookie);
        List<DirEntry> entries = new ArrayList<>();
        while (entries.size() < maxEntries) {
            List<RawDirent> chunk = Sys.getdents64(fd, BUFFER_SIZE);
            if (chunk.isEmpty()) {
                return new DirBatch(entries, true);
            }
            for (RawDirent d : chunk) {
                if (entries.size() == maxEntries) {
                    break;
                }
                entries.add(entry(fd, exportRoot, d, withAttrs));
            }
        }
        return new DirBatch(entries, false);
    }

    /**
     * Moves to {@code cookie}. A removed directory answers ENOENT, as getdents64 does on it: its
     * filesystem may refuse the seek first (ext4 checks a hash cookie against a removed directory's
     * size, and says EINVAL).
     */
    private static void seek(int fd, long cookie) throws ErrnoException {
        try {
            Sys.lseek(fd, cookie, Sys.SEEK_SET);
        } catch (ErrnoException e) {
            if (Sys.fstat(fd).nlink() == 0) {
                throw new ErrnoException(Errno.ENOENT, "the directory has been removed");
            }
            throw e;
        }
    }

    private static DirEntry entry(int fd, boolean exportRoot, RawDirent d, boolean withAttrs) throws ErrnoException {
        if (exportRoot && Paths.isDotDot(d.name())) {
            // The root's ".." is the host directory above the export: show the root itself instead.
            FileAttr root = Sys.fstat(fd);
            return new DirEntry(d.name(), root.ino(), d.type(), d.offset(), withAttrs ? root : null);
        }
        return new DirEntry(d.name(), d.ino(), d.type(), d.offset(), withAttrs ? lstat(fd, d.name()) : null);
    }

    /**
     * The entry's attributes, or null when it cannot be stat'ed: removed since the listing was read,
     * or in a directory the caller may read but not search (r without x).
     */
    private static FileAttr lstat(int fd, byte[] name) {
        try {
            return Sys.statx(fd, name, Sys.AT_SYMLINK_NOFOLLOW);
        } catch (ErrnoException e) {
            return null;
        }
    }
}
