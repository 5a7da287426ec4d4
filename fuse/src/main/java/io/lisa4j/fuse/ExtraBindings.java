package io.lisa4j.fuse;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.value.AttrChange;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_file_info;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_fill_dir_t;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_operations;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;

/**
 * The operations jfuse 0.7.3 declares but never binds (link, mknod, fallocate), and every
 * operation that gets a file handle bound again so that it needs no path. libfuse passes a NULL
 * path to those (getattr, chmod, chown, truncate and utimens when they come with a handle; read,
 * write, fsync, readdir, release and releasedir always) when the node has no name any more,
 * a file or directory removed while open; jfuse would read the string at address 0 and crash the
 * JVM. Here the handle is used whenever there is one, and a path is read only when the pointer is
 * not NULL. Each is an upcall written into jfuse's {@code struct fuse_operations} before the
 * mount copies it.
 */
final class ExtraBindings {
    private static final long STAT_SIZE = stat.layout().byteSize();
    /**
     * jfuse's Fuse.mount stats this path until getattr sees it (its own getattr counts down
     * {@code mountProbeSucceeded}); getattr is bound here instead, so this one does.
     */
    private static final String MOUNT_PROBE = "/jfuse_mount_probe";

    private ExtraBindings() {}

    static void bind(Fuse fuse, LisaFuseOperations ops, Arena arena) {
        MemorySegment struct = operationsStruct(fuse);
        CountDownLatch probed = field(fuse, "mountProbeSucceeded", CountDownLatch.class);
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
        fuse_operations.read(struct, fuse_operations.read.allocate(
                (path, buf, size, offset, fi) -> ops.read(buf.reinterpret(size).asByteBuffer(), offset, fh(fi)), arena));
        fuse_operations.write(struct, fuse_operations.write.allocate(
                (path, buf, size, offset, fi) -> ops.write(buf.reinterpret(size).asByteBuffer(), offset, fh(fi)), arena));
        fuse_operations.fsync(struct, fuse_operations.fsync.allocate(
                (path, datasync, fi) -> ops.fsync(datasync, fh(fi)), arena));
        fuse_operations.readdir(struct, fuse_operations.readdir.allocate(
                (path, buf, filler, offset, fi, flags) -> readdir(ops, buf, filler, offset, fh(fi), flags), arena));
        fuse_operations.getattr(struct, fuse_operations.getattr.allocate(
                (path, st, fi) -> {
                    MemorySegment target = st.reinterpret(STAT_SIZE);
                    if (isSet(fi)) {
                        return ops.fgetattr(fh(fi), target);
                    }
                    if (!isSet(path)) {
                        return -Errno.ENOENT.number();
                    }
                    String p = string(path);
                    if (p.equals(MOUNT_PROBE)) {
                        probed.countDown();
                    }
                    return ops.getattr(p, target);
                }, arena));
        fuse_operations.chmod(struct, fuse_operations.chmod.allocate(
                (path, mode, fi) -> setattr(ops, path, fi, AttrOps.modeChange(mode)), arena));
        fuse_operations.chown(struct, fuse_operations.chown.allocate(
                (path, uid, gid, fi) -> setattr(ops, path, fi, AttrOps.ownerChange(uid, gid)), arena));
        fuse_operations.truncate(struct, fuse_operations.truncate.allocate(
                (path, size, fi) -> setattr(ops, path, fi, AttrOps.sizeChange(size)), arena));
        fuse_operations.utimens(struct, fuse_operations.utimens.allocate(
                (path, tv, fi) -> setattr(ops, path, fi, AttrOps.timesChange(tv)), arena));
    }

    private static int setattr(LisaFuseOperations ops, MemorySegment path, MemorySegment fi,
            AttrChange change) {
        if (isSet(fi)) {
            return ops.fsetattr(fh(fi), change);
        }
        return isSet(path) ? ops.setattr(string(path), change) : -Errno.ENOENT.number();
    }

    /** Entries go to libfuse's filler, each name and struct stat in memory that lives for this call only. */
    private static int readdir(LisaFuseOperations ops, MemorySegment buf, MemorySegment filler, long offset,
            long fh, int flags) {
        try (Arena call = Arena.ofConfined()) {
            return ops.readdir(fh, offset, flags, (name, fillStat, cookie, fillFlags) -> {
                MemorySegment st = call.allocate(stat.layout());
                fillStat.accept(st);
                return fuse_fill_dir_t.invoke(filler, buf, call.allocateFrom(name), st, cookie, fillFlags);
            });
        }
    }

    private static MemorySegment operationsStruct(Fuse fuse) {
        return field(fuse, "fuseOperationsStruct", MemorySegment.class);
    }

    private static <T> T field(Fuse fuse, String name, Class<T> type) {
        try {
            Field f = Fuse.class.getDeclaredField(name);
            f.setAccessible(true);
            return type.cast(f.get(fuse));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jfuse's Fuse has no " + name, e);
        }
    }

    private static boolean isSet(MemorySegment pointer) {
        return pointer.address() != 0;
    }

    private static String string(MemorySegment cString) {
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static long fh(MemorySegment fi) {
        return fuse_file_info.fh(fi.reinterpret(fuse_file_info.layout().byteSize()));
    }
}
