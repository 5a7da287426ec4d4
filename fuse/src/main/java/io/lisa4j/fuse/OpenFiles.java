package io.lisa4j.fuse;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The server handles behind FUSE's {@code fi->fh}: the handle number is the key the kernel keeps. */
final class OpenFiles {
    private final ConcurrentMap<Long, RemoteFile> byHandle = new ConcurrentHashMap<>();

    long add(RemoteFile file) {
        byHandle.put(file.handle(), file);
        return file.handle();
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
