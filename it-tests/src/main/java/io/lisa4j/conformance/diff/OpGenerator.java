package io.lisa4j.conformance.diff;

import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;

import io.lisa4j.conformance.diff.Op.Kind;
import io.lisa4j.protocol.ProtocolConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random op sequences over a small name space (four names, up to three levels), so that
 * calls often collide: existing names, missing parents, symlinks in the way, non-empty directories.
 * Paths carry "." and ".." components in the middle and at the end, never climbing above the run's
 * directory. Symlink targets are relative, hold at least one name and no "..", so that kernel and
 * server resolve them alike wherever the symlink is; some end in '/' (they then name a directory).
 * Modes include ones without search or read permission (0000, 0400, 0500, 0600, 0300, ...), which
 * matter when the run acts as an ordinary uid. Left out on purpose: O_CREAT|O_DIRECTORY, whose
 * answer depends on the host kernel's version.
 */
public final class OpGenerator {
    static final int SLOTS = 3;
    private static final String[] NAMES = {"a", "b", "c", "d"};
    private static final int[] MODES = {0700, 0755, 0711, 0777, 0750, 0705, 0700, 0755,
        0000, 0400, 0500, 0600, 0300, 0100, 0444, 0555};
    private static final String[] XATTRS = {"user.x", "user.y"};

    private final Random random;

    public OpGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<Op> generate(int steps) {
        List<Op> ops = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            ops.add(next());
        }
        return ops;
    }

    private Op next() {
        int r = random.nextInt(104);
        if (r >= 100) {
            return op(Kind.GETDENTS, null, null, 0, 0, 0, null);
        }
        if (r < 14) {
            return open();
        }
        if (r < 17) {
            return op(Kind.CLOSE, null, null, 0, 0, 0, null);
        }
        if (r < 27) {
            return op(Kind.PWRITE, null, null, 0, random.nextInt(48), 0, bytes());
        }
        if (r < 35) {
            return op(Kind.PREAD, null, null, 0, random.nextInt(64), random.nextInt(40), null);
        }
        if (r < 39) {
            return op(Kind.FTRUNCATE, null, null, 0, random.nextInt(80), 0, null);
        }
        if (r < 45) {
            return op(Kind.MKDIR, path(), null, 0, mode(), 0, null);
        }
        if (r < 49) {
            return op(Kind.RMDIR, path(), null, 0, 0, 0, null);
        }
        if (r < 55) {
            return op(Kind.UNLINK, path(), null, 0, 0, 0, null);
        }
        if (r < 62) {
            int flags = switch (random.nextInt(5)) {
                case 0 -> ProtocolConstants.RENAME_NOREPLACE;
                case 1 -> ProtocolConstants.RENAME_EXCHANGE;
                default -> 0;
            };
            return op(Kind.RENAME, path(), path(), flags, 0, 0, null);
        }
        if (r < 67) {
            return op(Kind.SYMLINK, path(), target(), 0, 0, 0, null);
        }
        if (r < 71) {
            return op(Kind.LINK, path(), path(), 0, 0, 0, null);
        }
        if (r < 78) {
            return setattr();
        }
        if (r < 82) {
            return op(Kind.STAT, path(), null, 0, 0, 0, null);
        }
        if (r < 86) {
            return op(Kind.LSTAT, path(), null, 0, 0, 0, null);
        }
        if (r < 89) {
            return random.nextBoolean() ? op(Kind.READLINK, path(), null, 0, 0, 0, null)
                    : op(Kind.LIST, random.nextInt(4) == 0 ? "" : path(), null, 0, 0, 0, null);
        }
        if (r < 97) {
            return xattr();
        }
        return op(Kind.ACCESS, path(), null, random.nextInt(8), 0, 0, null);
    }

    private Op open() {
        if (random.nextInt(5) == 0) {
            return op(Kind.OPEN, path(), null, ProtocolConstants.O_RDONLY | O_DIRECTORY, 0, 0, null);
        }
        int flags = random.nextInt(3);
        boolean creat = random.nextBoolean();
        if (creat) {
            flags |= O_CREAT | (random.nextInt(6) == 0 ? O_EXCL : 0);
        } else if (random.nextInt(10) == 0) {
            flags |= O_DIRECTORY;
        }
        flags |= random.nextInt(7) == 0 ? O_TRUNC : 0;
        flags |= random.nextInt(7) == 0 ? O_APPEND : 0;
        flags |= random.nextInt(10) == 0 ? O_NOFOLLOW : 0;
        return op(Kind.OPEN, path(), null, flags, random.nextBoolean() ? 0644 : 0600, 0, null);
    }

    private Op setattr() {
        return switch (random.nextInt(4)) {
            case 0 -> op(Kind.SET_MODE, pathBelowRun(), null, 0, mode(), 0, null);
            case 1 -> op(Kind.SET_SIZE, path(), null, 0, random.nextInt(80), 0, null);
            case 2 -> op(Kind.SET_TIMES, path(), null, 0, 1_000_000_000L + random.nextInt(1000), random.nextInt(1000) * 1000L,
                    null);
            default -> op(Kind.SET_MTIME_NOW, path(), null, 0, 0, 0, null);
        };
    }

    private Op xattr() {
        String name = XATTRS[random.nextInt(XATTRS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> op(Kind.SETXATTR, path(), name, random.nextInt(3), 0, 0, bytes());
            case 1 -> op(Kind.GETXATTR, path(), name, 0, 0, 0, null);
            case 2 -> op(Kind.LISTXATTR, path(), null, 0, 0, 0, null);
            default -> op(Kind.REMOVEXATTR, path(), name, 0, 0, 0, null);
        };
    }

    private Op op(Kind kind, String path, String path2, int flags, long n, long m, byte[] data) {
        return new Op(kind, path, path2, random.nextInt(SLOTS), flags, n, m, data);
    }

    /** One to three names, with now and then a "." or a ".." (that stays inside the run) between or after them. */
    private String path() {
        int names = random.nextInt(20) < 12 ? 1 : random.nextInt(20) < 18 ? 2 : 3;
        List<String> parts = new ArrayList<>();
        int level = 0;
        for (int i = 0; i < names; i++) {
            if (random.nextInt(10) == 0) {
                parts.add(".");
            } else if (level > 0 && random.nextInt(6) == 0) {
                parts.add("..");
                level--;
            }
            parts.add(name());
            level++;
        }
        if (random.nextInt(14) == 0) {
            parts.add(random.nextBoolean() ? "." : "..");
        }
        return String.join("/", parts);
    }

    /**
     * A path that cannot name the run's own directory ("a/.." can): a mode without search
     * permission there would lock an ordinary uid out of the whole run for good. A path whose
     * names outnumber its ".." ends below the run's directory even through symlinks, since their
     * targets hold a name and no "..".
     */
    private String pathBelowRun() {
        while (true) {
            String p = path();
            int level = 0;
            for (String part : p.split("/")) {
                level += part.equals("..") ? -1 : part.equals(".") ? 0 : 1;
            }
            if (level > 0) {
                return p;
            }
        }
    }

    /** A relative symlink target: one or two names, perhaps a ".", perhaps a trailing '/'. */
    private String target() {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(8) == 0) {
            b.append("./");
        }
        b.append(name());
        if (random.nextInt(4) == 0) {
            b.append('/').append(name());
        }
        if (random.nextInt(8) == 0) {
            b.append("/.");
        }
        if (random.nextInt(3) == 0) {
            b.append('/');
        }
        return b.toString();
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    private int mode() {
        return MODES[random.nextInt(MODES.length)];
    }

    private byte[] bytes() {
        int len = random.nextInt(12);
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) ('a' + random.nextInt(26));
        }
        return out;
    }
}
