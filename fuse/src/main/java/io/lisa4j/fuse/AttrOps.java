package io.lisa4j.fuse;

import io.lisa4j.client.AsyncRemoteFs;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.Timestamp;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.cryptomator.jfuse.api.FileInfo;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.api.Statvfs;
import org.cryptomator.jfuse.api.TimeSpec;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.statvfs;

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

    int getattr(String path, Stat stat, FileInfo fi) throws IOException {
        FileAttr attr = fi != null
                ? rpc.await(files.get(fi.getFh()).async().fstat())
                : rpc.await(fs.lstat(FusePaths.of(path)));
        NativeStat.fill(stat, attr);
        return 0;
    }

    int chmod(String path, int mode, FileInfo fi) throws IOException {
        return setattr(path, AttrChange.none().withMode(mode & 07777), fi);
    }

    int chown(String path, int uid, int gid, FileInfo fi) throws IOException {
        AttrChange change = AttrChange.none();
        if (uid != NO_ID) {
            change = change.withUid(uid);
        }
        if (gid != NO_ID) {
            change = change.withGid(gid);
        }
        return setattr(path, change, fi);
    }

    int truncate(String path, long size, FileInfo fi) throws IOException {
        return setattr(path, AttrChange.none().withSize(size), fi);
    }

    int utimens(String path, TimeSpec atime, TimeSpec mtime, FileInfo fi) throws IOException {
        AttrChange change = AttrChange.none();
        if (atime.isUtimeNow()) {
            change = change.withAtimeNow();
        } else if (!atime.isUtimeOmit()) {
            change = change.withAtime(Timestamp.of(atime.get()));
        }
        if (mtime.isUtimeNow()) {
            change = change.withMtimeNow();
        } else if (!mtime.isUtimeOmit()) {
            change = change.withMtime(Timestamp.of(mtime.get()));
        }
        return setattr(path, change, fi);
    }

    private int setattr(String path, AttrChange change, FileInfo fi) throws IOException {
        SetAttrResult result = fi != null
                ? rpc.await(files.get(fi.getFh()).async().fsetattr(change))
                : rpc.await(fs.lsetattr(FusePaths.of(path), change));
        if (!result.fullyApplied()) {
            throw new ErrnoException(result.failures().getFirst().errno());
        }
        return 0;
    }

    int access(String path, int mask) throws IOException {
        rpc.await(fs.access(FusePaths.of(path), mask, 0));
        return 0;
    }

    int statfs(String path, Statvfs target) throws IOException {
        FsStat st = rpc.await(fs.statfs(FusePaths.of(path)));
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
