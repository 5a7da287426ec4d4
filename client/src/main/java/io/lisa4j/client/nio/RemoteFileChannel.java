package io.lisa4j.client.nio;

import io.lisa4j.client.ReadCount;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.WriteResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel over one server handle: read is one PREAD, write one PWRITE per frame-sized
 * chunk, size one FSTAT, close one CLOSE. On a donated descriptor (PROTOCOL.md §3.3) read, write
 * and size are the file's own pread, pwrite and fstat in this process, and only OPEN, CLOSE,
 * truncate and force reach the server. A read that the server reports as ending at end of file
 * remembers that position, so the read that follows there returns -1 without asking (PROTOCOL.md
 * §8.3.2 "absent concurrent growth"); any write, truncate or reposition forgets it.
 */
final class RemoteFileChannel extends FileChannel {
    private final RemoteFile file;
    private final Lisa4jPath path;
    private final OpenFlags flags;
    private final int maxChunk;
    private final Object lock = new Object();
    private long position;
    private long eofAt = -1;
    /** The file's size after the last write, which is where an APPEND channel stands. */
    private long appendEnd;

    RemoteFileChannel(RemoteFile file, Lisa4jPath path, OpenFlags flags, int maxChunk) {
        this.file = file;
        this.path = path;
        this.flags = flags;
        this.maxChunk = maxChunk;
        this.position = flags.append() ? file.attr().size() : 0;
        this.appendEnd = position;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void ensureReadable() throws ClosedChannelException {
        ensureOpen();
        if (!flags.read()) {
            throw new NonReadableChannelException();
        }
    }

    private void ensureWritable() throws ClosedChannelException {
        ensureOpen();
        if (!flags.write()) {
            throw new NonWritableChannelException();
        }
    }

    private IOException failure(IOException e) {
        return Errors.translate(e, path, null);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureReadable();
        synchronized (lock) {
            int n = readAt(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureReadable();
        synchronized (lock) {
            return readAt(dst, at);
        }
    }

    private int readAt(ByteBuffer dst, long at) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (eofAt == at) {
            eofAt = -1;
            return -1;
        }
        try {
            while (true) {
                ReadCount r = file.pread(at, dst);
                if (r.count() > 0 || r.eof()) {
                    eofAt = r.eof() ? at + r.count() : -1;
                    if (r.count() == 0) {
                        eofAt = -1;
                        return -1;
                    }
                    return r.count();
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureWritable();
        synchronized (lock) {
            int n = writeAt(src, position);
            position = flags.append() ? appendEnd : position + n;
            return n;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureWritable();
        synchronized (lock) {
            return writeAt(src, at);
        }
    }

    private int writeAt(ByteBuffer src, long at) throws IOException {
        eofAt = -1;
        int total = 0;
        try {
            do {
                ByteBuffer chunk = src.duplicate();
                chunk.limit(chunk.position() + Math.min(chunk.remaining(), maxChunk));
                WriteResult w = file.pwrite(at + total, chunk);
                src.position(src.position() + w.written());
                total += w.written();
                appendEnd = w.attr() != null ? w.attr().size() : appendEnd + w.written();
                if (w.written() == 0) {
                    break;
                }
            } while (src.hasRemaining());
            if (flags.append() && file.donated()) {
                appendEnd = file.size(); // a local write returns no attributes; the size is local too
            }
            if (flags.sync()) {
                file.fsync();
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return total;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        synchronized (lock) {
            return position;
        }
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException();
        }
        ensureOpen();
        synchronized (lock) {
            if (newPosition != position) {
                eofAt = -1;
            }
            position = newPosition;
        }
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        try {
            return file.size();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        ensureWritable();
        synchronized (lock) {
            eofAt = -1;
            if (size < size()) {
                try {
                    file.ftruncate(size);
                } catch (IOException e) {
                    throw failure(e);
                }
            }
            position = Math.min(position, size);
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        try {
            if (metaData) {
                file.fsync();
            } else {
                file.fdatasync();
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ensureReadable();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, maxChunk));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = read(buffer, at + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
        ensureWritable();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, maxChunk));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            done += write(buffer, at + done);
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("lisa4j files cannot be memory-mapped");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("the lisa4j protocol has no file locks");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("the lisa4j protocol has no file locks");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            file.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }
}
