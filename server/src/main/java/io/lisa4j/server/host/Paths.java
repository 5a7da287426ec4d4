package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Component-list helpers. Names are raw bytes; they are joined into a relative path only for
 * {@link PathWalker}'s one-call lookup, and only when every one of them is {@linkplain #isPlain plain}.
 */
final class Paths {
    private Paths() {}

    static final byte[] DOT = {'.'};
    static final byte[] DOT_DOT = {'.', '.'};
    static final byte[] EMPTY = {};

    static boolean isDot(byte[] name) {
        return Arrays.equals(name, DOT);
    }

    static boolean isDotDot(byte[] name) {
        return Arrays.equals(name, DOT_DOT);
    }

    static boolean isDotOrDotDot(byte[] name) {
        return isDot(name) || isDotDot(name);
    }

    /**
     * A name that resolves exactly one step down: non-empty, within the length limit, no '/' or
     * NUL, and neither "." nor "..". What {@link #checkComponent} accepts, minus the dots.
     */
    static boolean isPlain(byte[] name) {
        return name.length > 0 && name.length <= ProtocolConstants.MAX_NAME_LENGTH && !hasSeparatorOrNul(name)
                && !isDot(name) && !isDotDot(name);
    }

    static boolean allPlain(List<byte[]> names) {
        for (byte[] name : names) {
            if (!isPlain(name)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code count} names joined with '/': a relative path, for plain names only. */
    static byte[] join(List<byte[]> names, int count) {
        int length = Math.max(0, count - 1);
        for (int i = 0; i < count; i++) {
            length += names.get(i).length;
        }
        byte[] path = new byte[length];
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                path[at++] = '/';
            }
            byte[] name = names.get(i);
            System.arraycopy(name, 0, path, at, name.length);
            at += name.length;
        }
        return path;
    }

    /** {@code parent} followed by the first {@code count} of {@code names}. */
    static List<byte[]> concat(List<byte[]> parent, List<byte[]> names, int count) {
        List<byte[]> path = new ArrayList<>(parent.size() + count);
        path.addAll(parent);
        path.addAll(names.subList(0, count));
        return List.copyOf(path);
    }

    static List<byte[]> child(List<byte[]> parent, byte[] name) {
        List<byte[]> path = new ArrayList<>(parent.size() + 1);
        path.addAll(parent);
        path.add(name);
        return List.copyOf(path);
    }

    /**
     * Rejects what would make one component act as several: the layer above validates too, but a
     * name with a '/' reaching openat would resolve more than one step, so this check stays here.
     */
    static void checkComponent(byte[] name) throws ErrnoException {
        if (name.length == 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (name.length > ProtocolConstants.MAX_NAME_LENGTH) {
            throw new ErrnoException(Errno.ENAMETOOLONG);
        }
        if (hasSeparatorOrNul(name)) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    private static boolean hasSeparatorOrNul(byte[] name) {
        for (byte b : name) {
            if (b == '/' || b == 0) {
                return true;
            }
        }
        return false;
    }

    /** The components of a symlink target, in order; empty and "/" separators dropped. */
    static List<byte[]> split(byte[] target) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= target.length; i++) {
            if (i == target.length || target[i] == '/') {
                if (i > start) {
                    parts.add(Arrays.copyOfRange(target, start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** A symlink target whose last byte is '/': it names a directory, as a trailing slash does. */
    static boolean endsWithSlash(byte[] target) {
        return target.length > 0 && target[target.length - 1] == '/';
    }

    static boolean isAbsolute(byte[] target) {
        return target.length > 0 && target[0] == '/';
    }
}
