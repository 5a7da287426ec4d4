package io.lisa4j.client.nio;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * One mounted export over its own session. Closing it closes the session, which releases every
 * handle on the server. Relative paths resolve against the export root.
 */
final class Lisa4jFileSystem extends FileSystem {
    static final Set<String> VIEWS = Set.of("basic", "posix", "owner", "unix", "lisa4j");

    private final Lisa4jFileSystemProvider provider;
    private final Lisa4jUri uri;
    private final Session session;
    private final RemoteFs remote;
    private final int umask;
    private volatile boolean open = true;

    Lisa4jFileSystem(Lisa4jFileSystemProvider provider, Lisa4jUri uri, Session session, RemoteFs remote, int umask) {
        this.provider = provider;
        this.uri = uri;
        this.session = session;
        this.remote = remote;
        this.umask = umask;
    }

    /** The mount, for a call that is about to be made: ClosedFileSystemException once closed. */
    RemoteFs remote() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
        return remote;
    }

    Session session() {
        return session;
    }

    String exportName() {
        return uri.export();
    }

    URI uri() {
        return uri.fileSystem();
    }

    URI uriOf(byte[] absolutePath) {
        return Lisa4jUri.withPath(uri.fileSystem(), absolutePath);
    }

    /** Permission bits for a new file or directory whose creator asked for {@code requested}. */
    int creationMode(int requested) {
        return requested & ~umask & 07777;
    }

    Lisa4jPath root() {
        return new Lisa4jPath(this, true, new byte[0][]);
    }

    @Override
    public Lisa4jFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            session.close();
            provider.forget(this);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return remote.readOnly();
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root());
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of(new RemoteFileStore(root()));
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return VIEWS;
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder s = new StringBuilder(first);
        for (String part : more) {
            if (!part.isEmpty()) {
                if (!s.isEmpty()) {
                    s.append('/');
                }
                s.append(part);
            }
        }
        return Lisa4jPath.parse(this, s.toString());
    }

    /**
     * glob: and regex: as the JDK's Unix file system has them: names match by their string form,
     * so the JDK's own matcher does the work.
     */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher local = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> local.matches(Path.of(path.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return NumericPrincipal.LOOKUP;
    }

    @Override
    public WatchService newWatchService() {
        throw noWatching();
    }

    static UnsupportedOperationException noWatching() {
        return new UnsupportedOperationException(
                "lisa4j cannot watch files: the protocol has no change notifications");
    }

    @Override
    public String toString() {
        return uri.fileSystem().toString();
    }
}
