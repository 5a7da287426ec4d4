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
        Sys.lseek(fd, cookie, Sys.SEEK_SET);
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

    private static DirEntry entry(int fd, boolean exportRoot, RawDirent d, boolean withAttrs) throws ErrnoException {
        // The root's ".." is the host directory above the export: show the root itself instead.
        byte[] statName = exportRoot && Paths.isDotDot(d.name()) ? Paths.DOT : d.name();
        FileAttr attr = null;
        long ino = d.ino();
        if (withAttrs || statName != d.name()) {
            attr = lstat(fd, statName);
            if (attr != null && statName != d.name()) {
                ino = attr.ino();
            }
        }
        return new DirEntry(d.name(), ino, d.type(), d.offset(), withAttrs ? attr : null);
    }

    /** The entry's attributes, or null when it vanished since the listing was read. */
    private static FileAttr lstat(int fd, byte[] name) throws ErrnoException {
        try {
            return Sys.statx(fd, name, Sys.AT_SYMLINK_NOFOLLOW);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
    }
}
