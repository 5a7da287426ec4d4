package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Component-list helpers: names are raw bytes and never joined into a host path string. */
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
        for (byte b : name) {
            if (b == '/' || b == 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
        }
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

    static boolean isAbsolute(byte[] target) {
        return target.length > 0 && target[0] == '/';
    }
}
