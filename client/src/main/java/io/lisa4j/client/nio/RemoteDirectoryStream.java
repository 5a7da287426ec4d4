package io.lisa4j.client.nio;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.protocol.value.DirEntry;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A directory listing over one directory handle: each GETDENTS brings a batch of entries with
 * their attributes, which the returned paths carry (see {@link ListedAttributes}). "." and ".."
 * are skipped. Closing sends the CLOSE.
 */
final class RemoteDirectoryStream implements DirectoryStream<Path> {
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final Lisa4jPath dir;
    private final RemoteFile handle;
    private final Filter<? super Path> filter;
    private volatile boolean open = true;
    private boolean iterated;

    RemoteDirectoryStream(Lisa4jPath dir, RemoteFile handle, Filter<? super Path> filter) {
        this.dir = dir;
        this.handle = handle;
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (!open) {
            throw new IllegalStateException("Directory stream is closed");
        }
        if (iterated) {
            throw new IllegalStateException("Iterator already obtained");
        }
        iterated = true;
        return new Entries();
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            try {
                handle.close();
            } catch (IOException e) {
                throw Errors.translate(e, dir, null);
            }
        }
    }

    private final class Entries implements Iterator<Path> {
        private final ArrayDeque<DirEntry> batch = new ArrayDeque<>();
        private long cookie;
        private boolean eof;
        private Path next;

        @Override
        public boolean hasNext() {
            while (next == null && open) {
                if (batch.isEmpty()) {
                    if (eof) {
                        return false;
                    }
                    fetch();
                    continue;
                }
                DirEntry entry = batch.poll();
                byte[] name = entry.name();
                if (Arrays.equals(name, DOT) || Arrays.equals(name, DOT_DOT)) {
                    continue;
                }
                Path candidate = dir.child(name,
                        entry.attr() == null ? null : new ListedAttributes(entry.attr(), () -> open));
                if (accept(candidate)) {
                    next = candidate;
                }
            }
            return next != null;
        }

        private void fetch() {
            try {
                DirBatch b = handle.getdents(cookie, 0, true);
                batch.addAll(b.entries());
                cookie = b.nextCookie(cookie);
                eof = b.eof();
            } catch (IOException e) {
                throw new DirectoryIteratorException(Errors.translate(e, dir, null));
            }
        }

        private boolean accept(Path candidate) {
            try {
                return filter.accept(candidate);
            } catch (IOException e) {
                throw new DirectoryIteratorException(e);
            }
        }

        @Override
        public Path next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path out = next;
            next = null;
            return out;
        }
    }
}
