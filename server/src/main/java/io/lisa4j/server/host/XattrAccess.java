package io.lisa4j.server.host;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.host.sys.Xattrs;
import java.util.List;

/**
 * Extended attributes of the object behind a descriptor. The f* calls refuse O_PATH
 * descriptors, so those go through the path "/proc/self/fd/N" with the following variants:
 * following that magic link lands on the object itself, a symlink included, and goes no further,
 * whereas the l* variants would act on the /proc link.
 */
final class XattrAccess {
    private XattrAccess() {}

    private static Xattrs.Target target(int fd, boolean pathOnly) {
        return pathOnly ? Xattrs.Target.procPath(fd) : Xattrs.Target.descriptor(fd);
    }

    static byte[] get(int fd, boolean pathOnly, byte[] name) throws ErrnoException {
        return Xattrs.get(target(fd, pathOnly), name);
    }

    static FileAttr set(int fd, boolean pathOnly, byte[] name, byte[] value, int flags) throws ErrnoException {
        Xattrs.set(target(fd, pathOnly), name, value, flags);
        return Sys.fstat(fd);
    }

    static List<byte[]> list(int fd, boolean pathOnly) throws ErrnoException {
        return Xattrs.list(target(fd, pathOnly));
    }

    static FileAttr remove(int fd, boolean pathOnly, byte[] name) throws ErrnoException {
        Xattrs.remove(target(fd, pathOnly), name);
        return Sys.fstat(fd);
    }
}
