package io.lisa4j.fuse;

import io.lisa4j.client.AsyncRemoteFs;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Directory entries: mkdir, mknod, unlink, rmdir, rename, symlink, link and readlink, one RPC each. */
final class EntryOps {
    private final AsyncRemoteFs fs;
    private final Rpc rpc;

    EntryOps(AsyncRemoteFs fs, Rpc rpc) {
        this.fs = fs;
        this.rpc = rpc;
    }

    int mkdir(String path, int mode) throws IOException {
        rpc.await(() -> fs.mkdir(FusePaths.of(path), mode));
        return 0;
    }

    int mknod(String path, int mode, long rdev) throws IOException {
        rpc.await(() -> fs.mknod(FusePaths.of(path), mode, NativeStat.major(rdev), NativeStat.minor(rdev)));
        return 0;
    }

    int unlink(String path) throws IOException {
        rpc.await(() -> fs.unlink(FusePaths.of(path), 0));
        return 0;
    }

    int rmdir(String path) throws IOException {
        rpc.await(() -> fs.unlink(FusePaths.of(path), ProtocolConstants.AT_REMOVEDIR));
        return 0;
    }

    int rename(String from, String to, int flags) throws IOException {
        rpc.await(() -> fs.rename(FusePaths.of(from), FusePaths.of(to), flags));
        return 0;
    }

    int symlink(String target, String linkPath) throws IOException {
        rpc.await(() -> fs.symlink(target.getBytes(StandardCharsets.UTF_8), FusePaths.of(linkPath)));
        return 0;
    }

    int link(String existing, String newPath) throws IOException {
        rpc.await(() -> fs.link(FusePaths.of(existing), FusePaths.of(newPath), 0));
        return 0;
    }

    /** Copies the target NUL-terminated, truncated to the buffer as readlink(2) would be. */
    int readlink(String path, ByteBuffer buf, long len) throws IOException {
        byte[] target = rpc.await(() -> fs.readlink(FusePaths.of(path)));
        int room = (int) Math.min(len, buf.remaining()) - 1;
        int n = Math.min(target.length, Math.max(room, 0));
        buf.put(target, 0, n);
        if (room >= 0) {
            buf.put((byte) 0);
        }
        return 0;
    }
}
