package io.lisa4j.fuse;

import io.lisa4j.client.AsyncRemoteFs;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.Timestamp;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import org.cryptomator.jfuse.api.Statvfs;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.statvfs;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.timespec;
import org.cryptomator.jfuse.linux.amd64.extr.stat.stat_h;

/**
 * Attribute operations: getattr is LSTAT, or FSTAT when the kernel names an open file; chmod,
 * chown, truncate and utimens are one SETATTR each (FSETATTR on an open file), never following a
 * final symlink, as the kernel already resolved it.
 */
final class AttrOps {
    private static final int NO_ID = -1;

    private final AsyncRemoteFs fs;
    private final OpenFiles files;
    private final Rpc rpc;

    AttrOps(AsyncRemoteFs fs, OpenFiles files, Rpc rpc) {
        this.fs = fs;
        this.files = files;
        this.rpc = rpc;
    }

    int getattr(String path, MemorySegment stat) throws IOException {
        NativeStat.fill(stat, rpc.await(() -> fs.lstat(FusePaths.of(path))));
        return 0;
    }

    int fgetattr(long fh, MemorySegment stat) throws IOException {
        RemoteFile file = files.get(fh);
        NativeStat.fill(stat, rpc.await(() -> file.async().fstat()));
        return 0;
    }

    static AttrChange modeChange(int mode) {
        return AttrChange.none().withMode(mode & 07777);
    }

    static AttrChange ownerChange(int uid, int gid) {
        AttrChange change = AttrChange.none();
        if (uid != NO_ID) {
            change = change.withUid(uid);
        }
        if (gid != NO_ID) {
            change = change.withGid(gid);
        }
        return change;
    }

    static AttrChange sizeChange(long size) {
        return AttrChange.none().withSize(size);
    }

    /** utimensat's {@code struct timespec[2]}: atime then mtime, each a time, UTIME_NOW or UTIME_OMIT; NULL is now for both. */
    static AttrChange timesChange(MemorySegment tv) {
        if (tv.address() == 0) {
            return AttrChange.none().withAtimeNow().withMtimeNow();
        }
        MemorySegment times = tv.reinterpret(2 * timespec.layout().byteSize());
        MemorySegment atime = times.asSlice(0, timespec.layout());
        MemorySegment mtime = times.asSlice(timespec.layout().byteSize(), timespec.layout());
        AttrChange change = AttrChange.none();
        long aNanos = timespec.tv_nsec(atime);
        if (aNanos == stat_h.UTIME_NOW()) {
            change = change.withAtimeNow();
        } else if (aNanos != stat_h.UTIME_OMIT()) {
            change = change.withAtime(Timestamp.of(Instant.ofEpochSecond(timespec.tv_sec(atime), aNanos)));
        }
        long mNanos = timespec.tv_nsec(mtime);
        if (mNanos == stat_h.UTIME_NOW()) {
            change = change.withMtimeNow();
        } else if (mNanos != stat_h.UTIME_OMIT()) {
            change = change.withMtime(Timestamp.of(Instant.ofEpochSecond(timespec.tv_sec(mtime), mNanos)));
        }
        return change;
    }

    int setattr(String path, AttrChange change) throws IOException {
        return applied(rpc.await(() -> fs.lsetattr(FusePaths.of(path), change)));
    }

    int fsetattr(long fh, AttrChange change) throws IOException {
        RemoteFile file = files.get(fh);
        return applied(rpc.await(() -> file.async().fsetattr(change)));
    }

    private static int applied(SetAttrResult result) throws ErrnoException {
        if (!result.fullyApplied()) {
            throw new ErrnoException(result.failures().getFirst().errno());
        }
        return 0;
    }

    int access(String path, int mask) throws IOException {
        rpc.await(() -> fs.access(FusePaths.of(path), mask, 0));
        return 0;
    }

    int statfs(String path, Statvfs target) throws IOException {
        FsStat st = rpc.await(() -> fs.statfs(FusePaths.of(path)));
        MemorySegment s = JfuseSegments.of(target);
        statvfs.f_bsize(s, st.blockSize());
        statvfs.f_frsize(s, st.fragmentSize() != 0 ? st.fragmentSize() : st.blockSize());
        statvfs.f_blocks(s, st.blocks());
        statvfs.f_bfree(s, st.blocksFree());
        statvfs.f_bavail(s, st.blocksAvailable());
        statvfs.f_files(s, st.files());
        statvfs.f_ffree(s, st.filesFree());
        statvfs.f_favail(s, st.filesFree());
        statvfs.f_namemax(s, st.nameMax());
        return 0;
    }
}
