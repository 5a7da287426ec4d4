package io.lisa4j.server.dispatch;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.PathRef;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.session.Handle;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.session.Session;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.Lookup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One request in progress: its frame, its connection's session and mount, and the handles it
 * borrowed. Closing it returns the handles and releases the frame, whichever thread finishes.
 */
public final class Call implements AutoCloseable {
    private static final ByteBuffer EMPTY_TABLE = emptyTable();

    private final Frame frame;
    private final Session session;
    private final Mount mount;
    private final ByteBufAllocator alloc;
    private final List<Handle> borrowed = new ArrayList<>(2);

    public Call(Frame frame, Session session, Mount mount, ByteBufAllocator alloc) {
        this.frame = frame;
        this.session = session;
        this.mount = mount;
        this.alloc = alloc;
    }

    /** The request body; an empty body reads as a table whose fields are all absent (§2.4). */
    public ByteBuffer body() {
        return bodyOf(frame);
    }

    /** A frame's body for FlatBuffers to read, an empty body being a table with every field absent. */
    public static ByteBuffer bodyOf(Frame frame) {
        return frame.bodyLength() == 0 ? EMPTY_TABLE.duplicate() : frame.bodyBuffer();
    }

    public int bodyLength() {
        return frame.bodyLength();
    }

    /** The data section (PWRITE's payload); valid until this call is closed. */
    public ByteBuf data() {
        return frame.data();
    }

    public int fsid() {
        return frame.fsid();
    }

    public int requestId() {
        return frame.requestId();
    }

    public Session session() {
        return session;
    }

    public Mount mount() {
        return mount;
    }

    public ExportBackend export() {
        return mount.backend();
    }

    public ByteBufAllocator alloc() {
        return alloc;
    }

    public int maxMessageSize() {
        return session.maxMessageSize();
    }

    /** Borrows an open file of this call's fsid until the call ends; EBADF if there is none. */
    public BackendFile file(long handle) throws ErrnoException {
        return file(fsid(), handle);
    }

    private BackendFile file(int fsid, long handle) throws ErrnoException {
        Handle h = session.handles().acquire(fsid, handle);
        borrowed.add(h);
        return h.file();
    }

    /** Turns a PathRef into a Lookup, validating its components against the session's limits (§6.1). */
    public Lookup lookup(PathRef ref) throws ErrnoException {
        return lookup(fsid(), ref);
    }

    private Lookup lookup(int fsid, PathRef ref) throws ErrnoException {
        if (ref == null) {
            return Lookup.root(List.of(), ResolveMode.STOP);
        }
        ResolveMode mode = ResolveMode.fromWire(ref.mode());
        if (mode == null) {
            throw new ErrnoException(Errno.EINVAL, "resolve mode " + ref.mode());
        }
        List<byte[]> components = WireValues.components(ref, session.limits().maxComponents(),
                session.limits().maxNameLength());
        BackendFile base = ref.base() == 0 ? null : file(fsid, ref.base());
        return new Lookup(base, components, mode);
    }

    /** A Lookup for an operation that creates or removes an entry, which needs a final name (ENOENT). */
    public Lookup namedLookup(PathRef ref) throws ErrnoException {
        return namedLookup(mount, ref);
    }

    /** As {@link #namedLookup(PathRef)}, for a path of another mount of the same export (RENAME, LINK). */
    public Lookup namedLookup(Mount in, PathRef ref) throws ErrnoException {
        Lookup at = lookup(in.fsid(), ref);
        if (at.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT, "operation needs a final name");
        }
        return at;
    }

    /**
     * The mount a RENAME or LINK destination lives in: this call's for {@code newFsid} 0, ENODEV for
     * an fsid not mounted here, EXDEV for a mount of another export, since no host rename crosses
     * exports.
     */
    public Mount destination(long newFsid) throws ErrnoException {
        if (newFsid == 0 || newFsid == fsid()) {
            return mount;
        }
        Mount other = session.mounts().find((int) newFsid);
        if (other == null) {
            throw new ErrnoException(Errno.ENODEV, "fsid " + newFsid);
        }
        if (other.backend() != mount.backend()) {
            throw new ErrnoException(Errno.EXDEV, "destination is another export");
        }
        return other;
    }

    @Override
    public void close() {
        for (Handle h : borrowed) {
            h.close();
        }
        borrowed.clear();
        frame.release();
    }

    private static ByteBuffer emptyTable() {
        FlatBufferBuilder b = new FlatBufferBuilder(16);
        b.startTable(0);
        b.finish(b.endTable());
        return b.dataBuffer().asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
