package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.MountAuthorizer;

/** Which {@link Operation} serves each opcode, and how the transport must treat it. */
public final class Dispatcher {
    /**
     * @param mounted the header's fsid must be mounted on the connection (ENODEV otherwise)
     * @param inline cheap enough to answer on the event loop without a worker thread
     */
    public record Route(Operation operation, boolean mounted, boolean inline) {}

    private final Route[] routes = new Route[Opcode.names.length];

    /** Every export open to the server's own user only (AccessPolicy.ownerOnly()). */
    public Dispatcher(ExportRegistry exports) {
        this(exports, AccessPolicy.ownerOnly());
    }

    public Dispatcher(ExportRegistry exports, AccessPolicy access) {
        SessionOps session = new SessionOps(exports, new MountAuthorizer(access));
        session(Opcode.Mount, session::mount);
        routes[Opcode.Umount] = new Route(SessionOps::umount, true, false);
        routes[Opcode.Ping] = new Route(SessionOps::ping, false, true);

        fs(Opcode.Stat, PathOps::stat);
        fs(Opcode.Open, PathOps::open);
        fs(Opcode.Mkdir, PathOps::mkdir);
        fs(Opcode.Mknod, PathOps::mknod);
        fs(Opcode.Symlink, PathOps::symlink);
        fs(Opcode.Link, PathOps::link);
        fs(Opcode.Readlink, PathOps::readlink);
        fs(Opcode.Unlink, PathOps::unlink);
        fs(Opcode.Rename, PathOps::rename);
        fs(Opcode.SetAttr, PathOps::setAttr);
        fs(Opcode.StatFs, PathOps::statFs);
        fs(Opcode.Access, PathOps::access);
        fs(Opcode.GetXattr, PathOps::getXattr);
        fs(Opcode.SetXattr, PathOps::setXattr);
        fs(Opcode.ListXattr, PathOps::listXattr);
        fs(Opcode.RemoveXattr, PathOps::removeXattr);

        fs(Opcode.Fstat, HandleOps::fstat);
        fs(Opcode.Pread, HandleOps::pread);
        fs(Opcode.Pwrite, HandleOps::pwrite);
        fs(Opcode.Fsync, HandleOps::fsync);
        fs(Opcode.Ftruncate, HandleOps::ftruncate);
        fs(Opcode.Fallocate, HandleOps::fallocate);
        fs(Opcode.Getdents, HandleOps::getdents);
        fs(Opcode.FsetAttr, HandleOps::fsetAttr);
        fs(Opcode.FgetXattr, HandleOps::fgetXattr);
        fs(Opcode.FsetXattr, HandleOps::fsetXattr);
        fs(Opcode.FlistXattr, HandleOps::flistxattr);
        fs(Opcode.FremoveXattr, HandleOps::fremoveXattr);
        fs(Opcode.Close, HandleOps::close);
        fs(Opcode.Fstatfs, HandleOps::fstatfs);
        fs(Opcode.Freadlink, HandleOps::freadlink);
    }

    /** The route of {@code opcode}, or null for one this server does not know (EOPNOTSUPP). */
    public Route route(int opcode) {
        return opcode >= 0 && opcode < routes.length ? routes[opcode] : null;
    }

    private void session(int opcode, Operation op) {
        routes[opcode] = new Route(op, false, false);
    }

    private void fs(int opcode, Operation op) {
        routes[opcode] = new Route(op, true, false);
    }
}
