package io.lisa4j.fuse;

import io.lisa4j.client.AsyncRemoteFs;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Extended attributes of the inode the kernel resolved (a symlink itself, never its target): the
 * l-variants of GETXATTR, SETXATTR, LISTXATTR and REMOVEXATTR. A zero-sized buffer asks for the
 * size, as in getxattr(2).
 */
final class XattrOps {
    private final AsyncRemoteFs fs;
    private final Rpc rpc;

    XattrOps(AsyncRemoteFs fs, Rpc rpc) {
        this.fs = fs;
        this.rpc = rpc;
    }

    int getxattr(String path, String name, ByteBuffer value) throws IOException {
        return copyOut(rpc.await(() -> fs.lgetxattr(FusePaths.of(path), name)), value);
    }

    int setxattr(String path, String name, ByteBuffer value, int flags) throws IOException {
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        rpc.await(() -> fs.lsetxattr(FusePaths.of(path), name, bytes, flags));
        return 0;
    }

    int listxattr(String path, ByteBuffer list) throws IOException {
        List<String> names = rpc.await(() -> fs.llistxattr(FusePaths.of(path)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            out.writeBytes(n.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return copyOut(out.toByteArray(), list);
    }

    int removexattr(String path, String name) throws IOException {
        rpc.await(() -> fs.lremovexattr(FusePaths.of(path), name));
        return 0;
    }

    private static int copyOut(byte[] data, ByteBuffer target) throws ErrnoException {
        if (target.capacity() == 0) {
            return data.length;
        }
        if (data.length > target.remaining()) {
            throw new ErrnoException(Errno.ERANGE);
        }
        target.put(data);
        return data.length;
    }
}
