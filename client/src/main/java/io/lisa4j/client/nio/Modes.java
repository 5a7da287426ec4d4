package io.lisa4j.client.nio;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Permission bits and PosixFilePermission sets, and the "posix:permissions" creation attribute. */
final class Modes {
    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private Modes() {}

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(BY_BIT[bit]);
            }
        }
        return out;
    }

    static int mode(Set<?> permissions) {
        int mode = 0;
        for (Object p : permissions) {
            if (!(p instanceof PosixFilePermission perm)) {
                throw p == null ? new NullPointerException() : new ClassCastException();
            }
            mode |= 1 << (8 - perm.ordinal());
        }
        return mode;
    }

    /**
     * The mode a creation asks for: {@code defaultMode}, or the "posix:permissions" attribute; any
     * other attribute is refused as the JDK refuses it.
     */
    static int requested(int defaultMode, FileAttribute<?>... attrs) {
        int mode = defaultMode;
        for (FileAttribute<?> attr : attrs) {
            String name = attr.name();
            if (!name.equals("posix:permissions") && !name.equals("unix:permissions")) {
                throw new UnsupportedOperationException("'" + name + "' not supported as initial attribute");
            }
            mode = mode((Set<?>) attr.value());
        }
        return mode;
    }
}
