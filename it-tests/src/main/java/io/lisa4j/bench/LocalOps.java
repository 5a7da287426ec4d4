package io.lisa4j.bench;

import static io.lisa4j.protocol.ProtocolConstants.O_CLOEXEC;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.host.sys.RawDirent;
import io.lisa4j.server.host.sys.Sys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit: the same operations as direct syscalls through the server's own FFM layer
 * ({@link Sys}), relative to a descriptor of the export root, in this process.
 */
final class LocalOps {
    private static final int AT_REMOVEDIR = 0x200;
    private static final int GETDENTS_BUFFER = 64 * 1024;

    private final Fixture fixture;
    private final List<Integer> fds = new ArrayList<>();
    private final int root;

    LocalOps(Fixture fixture) throws ErrnoException {
        this.fixture = fixture;
        this.root = Sys.openat(Sys.AT_FDCWD, bytes(fixture.exportDir.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC,
                0);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Op.PerThread stat(String path) {
        byte[] p = bytes(path);
        return t -> i -> {
            Sys.statx(root, p, Sys.AT_SYMLINK_NOFOLLOW);
            return 0;
        };
    }

    Op.PerThread openClose() {
        byte[] p = bytes(Fixture.DEPTH1);
        return t -> i -> {
            Sys.close(Sys.openat(root, p, O_RDONLY | O_CLOEXEC, 0));
            return 0;
        };
    }

    Op.PerThread createUnlink() {
        return t -> i -> {
            byte[] p = bytes("scratch/local-" + t + "-" + i);
            Sys.close(Sys.openat(root, p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
            Sys.unlinkat(root, p, 0);
            return 0;
        };
    }

    Op.PerThread mkdirRmdir() {
        return t -> i -> {
            byte[] p = bytes("scratch/ldir-" + t + "-" + i);
            Sys.mkdirat(root, p, 0755);
            Sys.unlinkat(root, p, AT_REMOVEDIR);
            return 0;
        };
    }

    Op.PerThread randomRead(int size) {
        return files(Fixture.BLOB, O_RDONLY,
                (fd, t) -> Access.random((b, at) -> Sys.pread(fd, b, at), size, fixture.blobBytes, t));
    }

    Op.PerThread sequentialRead(int size) {
        return files(Fixture.BLOB, O_RDONLY,
                (fd, t) -> Access.sequential((b, at) -> Sys.pread(fd, b, at), size, fixture.blobBytes, t));
    }

    Op.PerThread sequentialWrite(int size, long wrap) {
        return files(null, O_WRONLY | O_CREAT, (fd, t) -> Access.sequential((b, at) -> Sys.pwrite(fd, b, at), size,
                wrap, t));
    }

    private interface FileOp {
        Op make(int fd, int thread);
    }

    /** Each thread opens {@code path} (a file of its own under scratch/ when null); all are closed after the row. */
    private Op.PerThread files(String path, int flags, FileOp make) {
        return new Op.PerThread() {
            @Override
            public Op forThread(int t) throws ErrnoException {
                return make.make(open(path == null ? "scratch/lw-" + t : path, flags), t);
            }

            @Override
            public void cleanup() {
                closeAll();
            }
        };
    }

    /** getdents64 until the end, and a statx (lstat) of every entry: `ls -l` with no RPC. */
    Op.PerThread readdirWithAttrs() {
        byte[] dir = bytes(Fixture.DIR);
        return t -> i -> {
            int fd = Sys.openat(root, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            try {
                for (List<RawDirent> batch = Sys.getdents64(fd, GETDENTS_BUFFER); !batch.isEmpty();
                        batch = Sys.getdents64(fd, GETDENTS_BUFFER)) {
                    for (RawDirent d : batch) {
                        Sys.statx(fd, d.name(), Sys.AT_SYMLINK_NOFOLLOW);
                    }
                }
            } finally {
                Sys.close(fd);
            }
            return 0;
        };
    }

    private synchronized int open(String path, int flags) throws ErrnoException {
        int fd = Sys.openat(root, bytes(path), flags | O_CLOEXEC, 0644);
        fds.add(fd);
        return fd;
    }

    private synchronized void closeAll() {
        for (int fd : fds) {
            try {
                Sys.close(fd);
            } catch (ErrnoException ignored) {
                // closed anyway
            }
        }
        fds.clear();
    }
}
