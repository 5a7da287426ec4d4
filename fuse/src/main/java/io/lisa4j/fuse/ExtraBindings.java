package io.lisa4j.fuse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_file_info;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_operations;

/**
 * The operations jfuse 0.7.3 declares but never binds (link, mknod, fallocate), and release and
 * releasedir bound again so that they need no path: libfuse passes a NULL path for a node already
 * removed, which jfuse would dereference. Each is an upcall written into jfuse's
 * {@code struct fuse_operations} before the mount copies it.
 */
final class ExtraBindings {
    private ExtraBindings() {}

    static void bind(Fuse fuse, LisaFuseOperations ops, Arena arena) {
        MemorySegment struct = operationsStruct(fuse);
        fuse_operations.link(struct, fuse_operations.link.allocate(
                (from, to) -> ops.link(string(from), string(to)), arena));
        fuse_operations.mknod(struct, fuse_operations.mknod.allocate(
                (path, mode, rdev) -> ops.mknod(string(path), mode, rdev), arena));
        fuse_operations.fallocate(struct, fuse_operations.fallocate.allocate(
                (path, mode, offset, length, fi) -> ops.fallocate(mode, offset, length, fh(fi)), arena));
        fuse_operations.release(struct, fuse_operations.release.allocate(
                (path, fi) -> ops.release(fh(fi)), arena));
        fuse_operations.releasedir(struct, fuse_operations.releasedir.allocate(
                (path, fi) -> ops.release(fh(fi)), arena));
    }

    private static MemorySegment operationsStruct(Fuse fuse) {
        try {
            Field f = Fuse.class.getDeclaredField("fuseOperationsStruct");
            f.setAccessible(true);
            return (MemorySegment) f.get(fuse);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jfuse's Fuse has no fuseOperationsStruct", e);
        }
    }

    private static String string(MemorySegment cString) {
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static long fh(MemorySegment fi) {
        return fuse_file_info.fh(fi.reinterpret(fuse_file_info.layout().byteSize()));
    }
}
