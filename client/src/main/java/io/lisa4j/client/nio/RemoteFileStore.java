package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.FsStat;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The host file system holding a path of the export; each space query is one STATFS. Named after
 * the export, of type "lisa4j".
 */
final class RemoteFileStore extends FileStore {
    private static final long ST_RDONLY = 1;

    private final Lisa4jPath path;

    RemoteFileStore(Lisa4jPath path) {
        this.path = path;
    }

    FsStat statfs() throws IOException {
        try {
            return path.getFileSystem().remote().statfs(path.remote());
        } catch (IOException e) {
            throw Errors.translate(e, path, null);
        }
    }

    @Override
    public String name() {
        return path.getFileSystem().exportName();
    }

    @Override
    public String type() {
        return "lisa4j";
    }

    @Override
    public boolean isReadOnly() {
        try {
            return path.getFileSystem().isReadOnly() || (statfs().flags() & ST_RDONLY) != 0;
        } catch (IOException e) {
            return path.getFileSystem().isReadOnly();
        }
    }

    /** Blocks of {@code kind} in bytes, as statvfs counts them: in fragment-size units. */
    private long space(java.util.function.ToLongFunction<FsStat> kind) throws IOException {
        FsStat s = statfs();
        return kind.applyAsLong(s) * s.fragmentSize();
    }

    @Override
    public long getTotalSpace() throws IOException {
        return space(FsStat::blocks);
    }

    @Override
    public long getUsableSpace() throws IOException {
        return space(FsStat::blocksAvailable);
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        return space(FsStat::blocksFree);
    }

    @Override
    public long getBlockSize() throws IOException {
        return statfs().blockSize();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return Lisa4jFileSystem.VIEWS.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return switch (attribute) {
            case "totalSpace" -> getTotalSpace();
            case "usableSpace" -> getUsableSpace();
            case "unallocatedSpace" -> getUnallocatedSpace();
            case "bytesPerSector" -> getBlockSize();
            default -> throw new UnsupportedOperationException("'" + attribute + "' not recognized");
        };
    }

    @Override
    public String toString() {
        return name() + " (" + path.getFileSystem() + ")";
    }
}
