package io.lisa4j.conformance.diff;

import io.lisa4j.protocol.value.FileAttr;

/**
 * The deterministic part of a file's attributes, the same for two identical trees built by the
 * same calls on one filesystem: type, permission bits, size (not for directories, whose size is
 * the filesystem's bookkeeping), link count, and the mtime only when a call set it to an explicit
 * time (explicit times lie in 2001, the clock's times do not). Inode numbers, atime, ctime,
 * birth time and blocks differ legitimately and are left out.
 */
public final class AttrView {
    /** Explicit times the generator sets are below this; "now" is above. */
    private static final long EXPLICIT_BEFORE = 1_500_000_000L;

    private AttrView() {}

    public static String of(FileAttr a) {
        if (a == null) {
            return "?";
        }
        char type = switch (a.type()) {
            case 0100000 -> 'f';
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '?';
        };
        StringBuilder b = new StringBuilder().append(type).append(Integer.toOctalString(a.permissions()));
        if (type != 'd') {
            b.append(",size=").append(a.size());
        }
        b.append(",nlink=").append(a.nlink());
        if (a.mtime() != null && a.mtime().seconds() < EXPLICIT_BEFORE) {
            b.append(",mtime=").append(a.mtime().seconds()).append('.').append(a.mtime().nanos());
        }
        return b.toString();
    }
}
