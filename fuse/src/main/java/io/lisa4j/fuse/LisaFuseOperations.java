package io.lisa4j.fuse;

import io.lisa4j.protocol.value.AttrChange;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import org.cryptomator.jfuse.api.Errno;
import org.cryptomator.jfuse.api.FuseConfig;
import org.cryptomator.jfuse.api.FuseConnInfo;
import org.cryptomator.jfuse.api.FileInfo;
import org.cryptomator.jfuse.api.FuseOperations;
import org.cryptomator.jfuse.api.Statvfs;

/**
 * The FUSE operations of one mount, each delegated to the class that maps it to its RPC and
 * guarded so that every failure reaches the kernel as -errno. link and mknod, and every operation
 * that may come with a file handle (getattr, the setattr family, read, write, fsync, fallocate,
 * readdir, release, releasedir) reach here through {@link ExtraBindings}, which never reads a
 * NULL path.
 */
final class LisaFuseOperations implements FuseOperations {
    private static final Set<Operation> SUPPORTED = EnumSet.of(
            Operation.READLINK, Operation.MKDIR, Operation.UNLINK, Operation.RMDIR, Operation.SYMLINK,
            Operation.RENAME, Operation.OPEN, Operation.STATFS, Operation.SET_XATTR, Operation.GET_XATTR,
            Operation.LIST_XATTR, Operation.REMOVE_XATTR, Operation.OPEN_DIR, Operation.ACCESS, Operation.CREATE,
            Operation.INIT);

    private final Errno errno;
    private final MountOptions options;
    private final AttrOps attrs;
    private final FileOps files;
    private final DirOps dirs;
    private final EntryOps entries;
    private final XattrOps xattrs;

    LisaFuseOperations(Errno errno, MountOptions options, AttrOps attrs, FileOps files, DirOps dirs, EntryOps entries, XattrOps xattrs) {
        this.errno = errno;
        this.options = options;
        this.attrs = attrs;
        this.files = files;
        this.dirs = dirs;
        this.entries = entries;
        this.xattrs = xattrs;
    }

    @Override
    public Errno errno() {
        return errno;
    }

    @Override
    public Set<Operation> supportedOperations() {
        return SUPPORTED;
    }

    @Override
    public void init(FuseConnInfo conn, FuseConfig config) {
        FuseConfigs.apply(config, options);
    }

    int getattr(String path, MemorySegment stat) {
        return FuseErrors.guard("getattr", () -> attrs.getattr(path, stat));
    }

    int fgetattr(long fh, MemorySegment stat) {
        return FuseErrors.guard("getattr", () -> attrs.fgetattr(fh, stat));
    }

    @Override
    public int readlink(String path, ByteBuffer buf, long len) {
        return FuseErrors.guard("readlink", () -> entries.readlink(path, buf, len));
    }

    @Override
    public int mkdir(String path, int mode) {
        return FuseErrors.guard("mkdir", () -> entries.mkdir(path, mode));
    }

    int mknod(String path, int mode, long rdev) {
        return FuseErrors.guard("mknod", () -> entries.mknod(path, mode, rdev));
    }

    @Override
    public int unlink(String path) {
        return FuseErrors.guard("unlink", () -> entries.unlink(path));
    }

    @Override
    public int rmdir(String path) {
        return FuseErrors.guard("rmdir", () -> entries.rmdir(path));
    }

    @Override
    public int symlink(String target, String linkPath) {
        return FuseErrors.guard("symlink", () -> entries.symlink(target, linkPath));
    }

    @Override
    public int rename(String from, String to, int flags) {
        return FuseErrors.guard("rename", () -> entries.rename(from, to, flags));
    }

    @Override
    public int link(String existing, String newPath) {
        return FuseErrors.guard("link", () -> entries.link(existing, newPath));
    }

    int setattr(String path, AttrChange change) {
        return FuseErrors.guard("setattr", () -> attrs.setattr(path, change));
    }

    int fsetattr(long fh, AttrChange change) {
        return FuseErrors.guard("setattr", () -> attrs.fsetattr(fh, change));
    }

    @Override
    public int access(String path, int mask) {
        return FuseErrors.guard("access", () -> attrs.access(path, mask));
    }

    @Override
    public int statfs(String path, Statvfs statvfs) {
        return FuseErrors.guard("statfs", () -> attrs.statfs(path, statvfs));
    }

    @Override
    public int open(String path, FileInfo fi) {
        return FuseErrors.guard("open", () -> files.open(path, fi));
    }

    @Override
    public int create(String path, int mode, FileInfo fi) {
        return FuseErrors.guard("create", () -> files.create(path, mode, fi));
    }

    int read(ByteBuffer buf, long offset, long fh) {
        return FuseErrors.guard("read", () -> files.read(buf, offset, fh));
    }

    int write(ByteBuffer buf, long offset, long fh) {
        return FuseErrors.guard("write", () -> files.write(buf, offset, fh));
    }

    int fsync(int datasync, long fh) {
        return FuseErrors.guard("fsync", () -> files.fsync(datasync, fh));
    }

    int fallocate(int mode, long offset, long length, long fh) {
        return FuseErrors.guard("fallocate", () -> files.fallocate(mode, offset, length, fh));
    }

    int release(long fh) {
        return FuseErrors.guard("release", () -> files.release(fh));
    }

    @Override
    public int opendir(String path, FileInfo fi) {
        return FuseErrors.guard("opendir", () -> files.opendir(path, fi));
    }

    int readdir(long fh, long offset, int flags, DirOps.Filler filler) {
        return FuseErrors.guard("readdir", () -> dirs.readdir(fh, offset, flags, filler));
    }

    @Override
    public int setxattr(String path, String name, ByteBuffer value, int flags) {
        return FuseErrors.guard("setxattr", () -> xattrs.setxattr(path, name, value, flags));
    }

    @Override
    public int getxattr(String path, String name, ByteBuffer value) {
        return FuseErrors.guard("getxattr", () -> xattrs.getxattr(path, name, value));
    }

    @Override
    public int listxattr(String path, ByteBuffer list) {
        return FuseErrors.guard("listxattr", () -> xattrs.listxattr(path, list));
    }

    @Override
    public int removexattr(String path, String name) {
        return FuseErrors.guard("removexattr", () -> xattrs.removexattr(path, name));
    }
}
