package io.lisa4j.server.session;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.spi.ExportBackend;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The fsids of one connection. Each MOUNT gets a fresh non-zero fsid, never reused. */
public final class MountTable {
    private final ConcurrentHashMap<Integer, Mount> mounts = new ConcurrentHashMap<>();
    private final AtomicInteger nextFsid = new AtomicInteger(1);

    public Mount add(String exportName, ExportBackend backend) throws ErrnoException {
        int fsid = nextFsid.getAndIncrement();
        if (fsid == 0) {
            // 2^32 mounts on one connection: refuse rather than hand out 0 or a reused fsid.
            nextFsid.set(0);
            throw new ErrnoException(Errno.ENFILE, "fsids exhausted");
        }
        Mount mount = new Mount(fsid, exportName, backend);
        mounts.put(fsid, mount);
        return mount;
    }

    /** The mount of {@code fsid}, or null when it is not mounted on this connection. */
    public Mount find(int fsid) {
        return mounts.get(fsid);
    }

    public Mount remove(int fsid) throws ErrnoException {
        Mount mount = mounts.remove(fsid);
        if (mount == null) {
            throw new ErrnoException(Errno.ENODEV, "fsid " + Integer.toUnsignedString(fsid));
        }
        return mount;
    }

    public int size() {
        return mounts.size();
    }
}
