package io.lisa4j.server.session;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.security.Quota;
import io.lisa4j.server.spi.BackendFile;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handles of one connection (PROTOCOL.md §7): ids from 1 up, never reused, each tied to the
 * fsid it was opened under, at most {@code capacity} at once.
 */
public final class HandleTable {
    private final ConcurrentHashMap<Long, Handle> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger slots = new AtomicInteger();
    private final int capacity;
    private final Quota budget;
    private volatile boolean closed;

    public HandleTable(int capacity) {
        this(capacity, Quota.unlimited());
    }

    public HandleTable(int capacity, Quota budget) {
        this.capacity = capacity;
        this.budget = budget;
    }

    /**
     * Claims room for one handle before the file is opened, so that an OPEN with O_CREAT that
     * would exceed the limit fails with EMFILE before it creates anything; ENFILE when the whole
     * server holds as many handles as it may.
     */
    public void reserve() throws ErrnoException {
        for (;;) {
            int n = slots.get();
            if (n >= capacity) {
                throw new ErrnoException(Errno.EMFILE, "connection holds " + n + " handles");
            }
            if (slots.compareAndSet(n, n + 1)) {
                break;
            }
        }
        if (!budget.tryTake()) {
            slots.decrementAndGet();
            throw new ErrnoException(Errno.ENFILE, "server holds its maximum of handles");
        }
    }

    /** Gives back a slot from {@link #reserve()} whose open failed. */
    public void unreserve() {
        freeSlot();
    }

    private void freeSlot() {
        slots.decrementAndGet();
        budget.give();
    }

    /** Fills a reserved slot. After the connection ended, the file is closed at once. */
    public long add(int fsid, BackendFile file) {
        long id = nextId.getAndIncrement();
        Handle handle = new Handle(id, fsid, file);
        handles.put(id, handle);
        if (closed) {
            release(id);
        }
        return id;
    }

    /** Borrows the handle for one call; close the result when done. */
    public Handle acquire(int fsid, long id) throws ErrnoException {
        Handle handle = handles.get(id);
        if (handle == null || handle.fsid() != fsid || !handle.retain()) {
            throw new ErrnoException(Errno.EBADF, "handle " + Long.toUnsignedString(id));
        }
        return handle;
    }

    /** CLOSE of one handle: 0, or EBADF for one this fsid does not hold. */
    public int close(int fsid, long id) {
        Handle handle = handles.get(id);
        if (handle == null || handle.fsid() != fsid || !handles.remove(id, handle)) {
            return Errno.EBADF.number();
        }
        freeSlot();
        handle.file().endWaits();
        handle.close();
        return 0;
    }

    /** UMOUNT: every handle of {@code fsid}. */
    public void closeFsid(int fsid) {
        for (Handle handle : handles.values()) {
            if (handle.fsid() == fsid) {
                close(fsid, handle.id());
            }
        }
    }

    /** The connection ended: every handle, now and any a call still in progress adds later. */
    public void closeAll() {
        closed = true;
        for (Long id : handles.keySet()) {
            release(id);
        }
    }

    public int size() {
        return handles.size();
    }

    private void release(long id) {
        Handle handle = handles.remove(id);
        if (handle != null) {
            freeSlot();
            handle.file().endWaits();
            handle.close();
        }
    }
}
