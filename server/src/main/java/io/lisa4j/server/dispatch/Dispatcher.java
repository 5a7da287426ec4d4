package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.MountAuthorizer;

/** Which {@link Operation} serves each opcode, and how the transport must treat it. */
public final class Dispatcher {
    /** Where the transport runs an opcode's {@link Action}. */
    public enum Placement {
        /** On the event loop: no syscall at all. */
        EVENT_LOOP,
        /**
         * A metadata lookup that reads no file data and writes nothing: on the event loop, which
         * saves two thread hand-offs, unless the call runs with a caller's delegated credentials,
         * which are only ever applied to a worker thread.
         */
        METADATA,
        /** On a worker thread: the call may wait for the disk (data, writes, syncs, listings, opens, closes). */
        WORKER
    }

    /**
     * @param mounted the header's fsid must be mounted on the connection (ENODEV otherwise)
     * @param placement where the call runs
     */
    public record Route(Operation operation, boolean mounted, Placement placement) {}

    private final Route[] routes = new Route[Opcode.names.length];
    private final Placement metadataPlacement;

    /** Every export open to the server's own user only (AccessPolicy.ownerOnly()); metadata on the event loop. */
    public Dispatcher(ExportRegistry exports) {
        this(exports, AccessPolicy.ownerOnly(), true);
    }

    /**
     * @param inlineMetadata whether metadata lookups ({@link Placement#METADATA}) may run on the event
     *     loop; false sends them to the workers like every other filesystem call
     */
    public Dispatcher(ExportRegistry exports, AccessPolicy access, boolean inlineMetadata) {
        this.metadataPlacement = inlineMetadata ? Placement.METADATA : Placement.WORKER;
        SessionOps session = new SessionOps(exports, new MountAuthorizer(access));
        session(Opcode.Mount, session::mount);
        routes[Opcode.Umount] = new Route(SessionOps::umount, true, Placement.WORKER);
        routes[Opcode.Ping] = new Route(SessionOps::ping, false, Placement.EVENT_LOOP);

        metadata(Opcode.Stat, PathOps::stat);
        fs(Opcode.Open, PathOps::open);
        fs(Opcode.Mkdir, PathOps::mkdir);
        fs(Opcode.Mknod, PathOps::mknod);
        fs(Opcode.Symlink, PathOps::symlink);
        fs(Opcode.Link, PathOps::link);
        metadata(Opcode.Readlink, PathOps::readlink);
        fs(Opcode.Unlink, PathOps::unlink);
        fs(Opcode.Rename, PathOps::rename);
        fs(Opcode.SetAttr, PathOps::setAttr);
        metadata(Opcode.StatFs, PathOps::statFs);
        metadata(Opcode.Access, PathOps::access);
        metadata(Opcode.GetXattr, PathOps::getXattr);
        fs(Opcode.SetXattr, PathOps::setXattr);
        metadata(Opcode.ListXattr, PathOps::listXattr);
        fs(Opcode.RemoveXattr, PathOps::removeXattr);

        metadata(Opcode.Fstat, HandleOps::fstat);
        fs(Opcode.Pread, HandleOps::pread);
        fs(Opcode.Pwrite, HandleOps::pwrite);
        fs(Opcode.Fsync, HandleOps::fsync);
        fs(Opcode.Ftruncate, HandleOps::ftruncate);
        fs(Opcode.Fallocate, HandleOps::fallocate);
        fs(Opcode.Getdents, HandleOps::getdents);
        fs(Opcode.FsetAttr, HandleOps::fsetAttr);
        metadata(Opcode.FgetXattr, HandleOps::fgetXattr);
        fs(Opcode.FsetXattr, HandleOps::fsetXattr);
        metadata(Opcode.FlistXattr, HandleOps::flistxattr);
        fs(Opcode.FremoveXattr, HandleOps::fremoveXattr);
        fs(Opcode.Close, HandleOps::close);
        metadata(Opcode.Fstatfs, HandleOps::fstatfs);
        metadata(Opcode.Freadlink, HandleOps::freadlink);
    }

    /** The route of {@code opcode}, or null for one this server does not know (EOPNOTSUPP). */
    public Route route(int opcode) {
        return opcode >= 0 && opcode < routes.length ? routes[opcode] : null;
    }

    private void session(int opcode, Operation op) {
        routes[opcode] = new Route(op, false, Placement.WORKER);
    }

    private void fs(int opcode, Operation op) {
        routes[opcode] = new Route(op, true, Placement.WORKER);
    }

    private void metadata(int opcode, Operation op) {
        routes[opcode] = new Route(op, true, metadataPlacement);
    }
}
