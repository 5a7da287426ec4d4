package io.lisa4j.fuse;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open files behind FUSE's {@code fi->fh}. The kernel keeps a number of this map's own, not the
 * server's handle: a reconnect gives an open file a new handle while the kernel keeps its number.
 */
final class OpenFiles {
    private final ConcurrentMap<Long, RemoteFile> byHandle = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    long add(RemoteFile file) {
        long fh = next.incrementAndGet();
        byHandle.put(fh, file);
        return fh;
    }

    RemoteFile get(long fh) throws ErrnoException {
        RemoteFile file = byHandle.get(fh);
        if (file == null) {
            throw new ErrnoException(Errno.EBADF, "no open file " + fh);
        }
        return file;
    }

    RemoteFile remove(long fh) throws ErrnoException {
        RemoteFile file = byHandle.remove(fh);
        if (file == null) {
            throw new ErrnoException(Errno.EBADF, "no open file " + fh);
        }
        return file;
    }

    int size() {
        return byHandle.size();
    }
}
