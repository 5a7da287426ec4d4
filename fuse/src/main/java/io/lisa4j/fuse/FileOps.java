package io.lisa4j.fuse;

import io.lisa4j.client.AsyncRemoteFs;
import io.lisa4j.client.ReadCount;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.WriteResult;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.cryptomator.jfuse.api.FileInfo;

/**
 * Open files: open and create are one OPEN whose handle goes in {@code fi->fh}; read and write are
 * PREAD and PWRITE on it (more than one only when the kernel asks for more than one frame carries);
 * fsync, fallocate and release are FSYNC/FDATASYNC, FALLOCATE and CLOSE.
 *
 * <p>Data is copied between the kernel's buffer and the heap on the FUSE thread: the buffer is only
 * valid until the operation returns, and a call given up by the timeout guard may still complete
 * on the I/O thread later. A file whose host descriptor the server donated (PROTOCOL.md §3.3) is
 * read and written with pread and pwrite straight on the kernel's buffer instead: those calls are
 * synchronous on the FUSE thread, done before the operation returns, so nothing can touch the
 * buffer later, and they need no timeout guard.
 */
final class FileOps {
    private final AsyncRemoteFs fs;
    private final OpenFiles files;
    private final Rpc rpc;
    private final int maxData;

    FileOps(AsyncRemoteFs fs, OpenFiles files, Rpc rpc, int maxDataPerRpc) {
        this.fs = fs;
        this.files = files;
        this.rpc = rpc;
        this.maxData = maxDataPerRpc;
    }

    int open(String path, FileInfo fi) throws IOException {
        return openWith(path, fi.getFlags(), 0, fi);
    }

    int create(String path, int mode, FileInfo fi) throws IOException {
        return openWith(path, fi.getFlags() | ProtocolConstants.O_CREAT, mode, fi);
    }

    int opendir(String path, FileInfo fi) throws IOException {
        return openWith(path, ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY, 0, fi);
    }

    private int openWith(String path, int flags, int mode, FileInfo fi) throws IOException {
        RemoteFile file = rpc.await(() -> fs.open(FusePaths.of(path), flags, mode));
        fi.setFh(files.add(file));
        return 0;
    }

    int read(ByteBuffer buf, long offset, long fh) throws IOException {
        RemoteFile file = files.get(fh);
        int wanted = buf.remaining();
        if (file.donated()) {
            int n = readLocally(file, buf.slice(buf.position(), wanted), offset);
            buf.position(buf.position() + n);
            return n;
        }
        int done = 0;
        while (done < wanted) {
            long at = offset + done;
            int n = Math.min(wanted - done, maxData);
            ReadResult r = rpc.await(() -> file.async().pread(at, n));
            buf.put(r.data());
            done += r.count();
            if (r.eof() || r.count() == 0) {
                break;
            }
        }
        return done;
    }

    /** pread on the donated descriptor into the kernel's buffer, until it is full or at end of file. */
    private static int readLocally(RemoteFile file, ByteBuffer target, long offset) throws IOException {
        while (target.hasRemaining()) {
            ReadCount r = file.pread(offset + target.position(), target);
            if (r.eof() || r.count() == 0) {
                break;
            }
        }
        return target.position();
    }

    int write(ByteBuffer buf, long offset, long fh) throws IOException {
        RemoteFile file = files.get(fh);
        int total = buf.remaining();
        if (file.donated()) {
            int n = writeLocally(file, buf.slice(buf.position(), total), offset);
            buf.position(buf.position() + n);
            return n;
        }
        int done = 0;
        while (done < total) {
            byte[] chunk = new byte[Math.min(total - done, maxData)];
            buf.get(chunk);
            long at = offset + done;
            WriteResult w = rpc.await(() -> file.async().pwrite(at, chunk));
            done += w.written();
            if (w.written() < chunk.length) {
                break;
            }
        }
        return done;
    }

    /** pwrite of the kernel's buffer on the donated descriptor, all of it unless the disk is full. */
    private static int writeLocally(RemoteFile file, ByteBuffer source, long offset) throws IOException {
        int done = 0;
        while (source.hasRemaining()) {
            int n = file.pwrite(offset + done, source).written();
            if (n == 0) {
                break;
            }
            done += n;
            source.position(source.position() + n);
        }
        return done;
    }

    int fsync(int datasync, long fh) throws IOException {
        RemoteFile file = files.get(fh);
        rpc.await(() -> datasync != 0 ? file.async().fdatasync() : file.async().fsync());
        return 0;
    }

    int fallocate(int mode, long offset, long length, long fh) throws IOException {
        RemoteFile file = files.get(fh);
        rpc.await(() -> file.async().fallocate(mode, offset, length));
        return 0;
    }

    int release(long fh) throws IOException {
        RemoteFile file = files.remove(fh);
        rpc.await(() -> file.async().close());
        return 0;
    }
}
