package io.lisa4j.server.host;

import io.lisa4j.server.host.sys.HostFd;
import java.util.List;

/**
 * What a walk found, owning its descriptor. For an object lookup: an O_PATH descriptor of the
 * object and its component path from the export root. For an entry lookup: the directory that
 * holds the final entry, the directory's path, and the entry's {@code name} (null when the
 * final component named the directory itself, which only a following lookup reports).
 */
record Resolved(HostFd fd, List<byte[]> path, byte[] name) implements AutoCloseable {
    int number() {
        return fd.number();
    }

    /** The path of the entry this lookup named. */
    List<byte[]> entryPath() {
        return name == null ? path : Paths.child(path, name);
    }

    @Override
    public void close() {
        fd.close();
    }
}
