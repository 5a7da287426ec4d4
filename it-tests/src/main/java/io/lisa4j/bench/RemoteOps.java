package io.lisa4j.bench;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.SequentialReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The same operations through the client SDK: one session, shared by all client threads (pipelined). */
final class RemoteOps {
    private final Fixture fixture;
    private final RemoteFs fs;
    private final String tag;
    private final List<AutoCloseable> open = new ArrayList<>();

    RemoteOps(Fixture fixture, RemoteFs fs, String tag) {
        this.fixture = fixture;
        this.fs = fs;
        this.tag = tag;
    }

    Op.PerThread stat(String path) {
        return t -> i -> {
            fs.lstat(path);
            return 0;
        };
    }

    Op.PerThread ping() {
        var session = fixture.session(fs);
        return t -> i -> {
            session.ping();
            return 0;
        };
    }

    Op.PerThread openClose() {
        return t -> i -> {
            fs.open(Fixture.DEPTH1, O_RDONLY).close();
            return 0;
        };
    }

    Op.PerThread createUnlink() {
        return t -> i -> {
            String p = "scratch/" + tag + "-" + t + "-" + i;
            fs.open(p, O_WRONLY | O_CREAT | O_EXCL, 0644).close();
            fs.unlink(p);
            return 0;
        };
    }

    Op.PerThread mkdirRmdir() {
        return t -> i -> {
            String p = "scratch/" + tag + "d-" + t + "-" + i;
            fs.mkdir(p, 0755);
            fs.rmdir(p);
            return 0;
        };
    }

    Op.PerThread randomRead(int size) {
        return files(Fixture.BLOB, O_RDONLY,
                (f, t) -> Access.random((b, at) -> f.pread(at, b).count(), size, fixture.blobBytes, t));
    }

    Op.PerThread sequentialRead(int size) {
        return files(Fixture.BLOB, O_RDONLY,
                (f, t) -> Access.sequential((b, at) -> f.pread(at, b).count(), size, fixture.blobBytes, t));
    }

    /** Sequential reads through {@link SequentialReader}: {@code depth} PREADs of {@code size} outstanding. */
    Op.PerThread pipelinedRead(int size, int depth) {
        return files(Fixture.BLOB, O_RDONLY, (f, t) -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            SequentialReader[] reader = {new SequentialReader(f, 0, size, depth)};
            return i -> {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (reader[0].read(buf) < 0) {
                        reader[0] = new SequentialReader(f, 0, size, depth);
                    }
                }
                return size;
            };
        });
    }

    Op.PerThread sequentialWrite(int size, long wrap) {
        return files(null, O_WRONLY | O_CREAT,
                (f, t) -> Access.sequential((b, at) -> f.pwrite(at, b).written(), size, wrap, t));
    }

    /** OPEN, GETDENTS with attributes until eof (one reply holds 1 000 entries), CLOSE. */
    Op.PerThread readdirWithAttrs() {
        return t -> i -> {
            try (RemoteFile dir = fs.open(Fixture.DIR, O_RDONLY | O_DIRECTORY)) {
                long cookie = 0;
                DirBatch batch;
                do {
                    batch = dir.getdents(cookie, 0, true);
                    cookie = batch.nextCookie(cookie);
                } while (!batch.eof());
            }
            return 0;
        };
    }

    private interface FileOp {
        Op make(RemoteFile file, int thread) throws IOException;
    }

    /** Each thread opens {@code path} (a file of its own under scratch/ when null); all are closed after the row. */
    private Op.PerThread files(String path, int flags, FileOp make) {
        return new Op.PerThread() {
            @Override
            public Op forThread(int t) throws IOException {
                String p = path == null ? "scratch/" + tag + "w-" + t : path;
                return make.make(remember(fs.open(p, flags, 0644)), t);
            }

            @Override
            public void cleanup() throws Exception {
                closeAll();
            }
        };
    }

    private synchronized RemoteFile remember(RemoteFile f) {
        open.add(f);
        return f;
    }

    private synchronized void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
    }
}
