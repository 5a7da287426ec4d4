package io.lisa4j.server.session;

import io.lisa4j.server.spi.BackendFile;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handle's entry: the open file and the fsid it belongs to. Counted references keep the host
 * file open while a call uses it, so a CLOSE racing with a PREAD can never make the PREAD act on a
 * recycled host descriptor: the file is closed when the last user lets go.
 */
public final class Handle implements AutoCloseable {
    private final long id;
    private final int fsid;
    private final BackendFile file;
    // One reference belongs to the table until the handle is closed; each user holds another.
    private final AtomicInteger refs = new AtomicInteger(1);

    Handle(long id, int fsid, BackendFile file) {
        this.id = id;
        this.fsid = fsid;
        this.file = file;
    }

    public long id() {
        return id;
    }

    public int fsid() {
        return fsid;
    }

    public BackendFile file() {
        return file;
    }

    /** Takes a reference, unless the handle is already fully released. */
    boolean retain() {
        for (;;) {
            int n = refs.get();
            if (n == 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the file. */
    @Override
    public void close() {
        if (refs.decrementAndGet() == 0) {
            file.close();
        }
    }
}
