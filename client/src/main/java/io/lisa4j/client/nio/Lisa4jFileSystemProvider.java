package io.lisa4j.client.nio;

import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * java.nio.file over lisa4j: {@code FileSystems.newFileSystem(URI.create(
 * "lisa4j+unix:///run/lisa4j.sock?export=data"), Map.of())}, or {@code lisa4j+tcp://host:port?export=data}.
 * Each file system is one session with the export mounted; closing it closes the session.
 *
 * <p>{@code env} keys: {@value #CLIENT_NAME} (String), {@value #MAX_MESSAGE_SIZE} (Integer),
 * {@value #UMASK} (Integer, or an octal String; default this process's umask); for
 * {@code lisa4j+tcp}, {@value #TLS_CA}, {@value #TLS_CERT} and {@value #TLS_KEY} (PEM file paths,
 * all three) or {@value #INSECURE_PLAINTEXT_TCP} {@code true}; for {@code lisa4j+unix},
 * {@value #FD_DONATION} (Boolean or String, default {@code true}): ask the server for the host
 * descriptor of each regular file a channel opens (PROTOCOL.md §3.3), so that the channel's reads,
 * writes and size run in this process with no RPC.
 *
 * <p>Each NIO call costs as few RPCs as the protocol allows: readAttributes one STAT (none for an
 * entry a directory stream has just listed), newByteChannel one OPEN, delete of a file one UNLINK;
 * with a donated descriptor, a channel's reads, writes and size cost none.
 */
public abstract sealed class Lisa4jFileSystemProvider extends FileSystemProvider {
    public static final String CLIENT_NAME = "clientName";
    public static final String MAX_MESSAGE_SIZE = "maxMessageSize";
    public static final String UMASK = "umask";
    /** PEM file of the CA that signed the server's certificate (lisa4j+tcp). */
    public static final String TLS_CA = "tls.ca";
    /** PEM file of this client's certificate. */
    public static final String TLS_CERT = "tls.cert";
    /** PEM file of this client's private key. */
    public static final String TLS_KEY = "tls.key";
    /** {@code true}: plaintext TCP, for a server started with --insecure-tcp. */
    public static final String INSECURE_PLAINTEXT_TCP = "insecurePlaintextTcp";
    /** {@code false}: no descriptor donation on lisa4j+unix, every read and write is an RPC. */
    public static final String FD_DONATION = "fdDonation";

    /** The provider of {@code lisa4j+unix:} URIs. */
    public static final class Unix extends Lisa4jFileSystemProvider {
        public Unix() {
            super(Lisa4jUri.UNIX);
        }
    }

    /** The provider of {@code lisa4j+tcp:} URIs. */
    public static final class Tcp extends Lisa4jFileSystemProvider {
        public Tcp() {
            super(Lisa4jUri.TCP);
        }
    }

    private final String scheme;
    private final Map<URI, Lisa4jFileSystem> fileSystems = new ConcurrentHashMap<>();

    Lisa4jFileSystemProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    private Lisa4jUri parse(URI uri) {
        Lisa4jUri parsed = Lisa4jUri.parse(uri);
        if (!parsed.fileSystem().getScheme().equals(scheme)) {
            throw new IllegalArgumentException("URI scheme is not '" + scheme + "': " + uri);
        }
        return parsed;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        Lisa4jUri parsed = parse(uri);
        Environment environment = Environment.of(env, scheme.equals(Lisa4jUri.UNIX));
        synchronized (fileSystems) {
            if (fileSystems.containsKey(parsed.fileSystem())) {
                throw new FileSystemAlreadyExistsException(parsed.fileSystem().toString());
            }
            Session session = Lisa4jClient.connect(URI.create(parsed.endpoint()), environment.options());
            try {
                RemoteFs remote = session.mount(parsed.export());
                Lisa4jFileSystem fs = new Lisa4jFileSystem(this, parsed, session, remote, environment.umask());
                fileSystems.put(parsed.fileSystem(), fs);
                return fs;
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
        }
    }

    /** The session under a lisa4j file system: its RPC counter, or syscalls NIO has no method for. */
    public static Session session(FileSystem fs) {
        return ofLisa4j(fs).session();
    }

    /** The mounted export under a lisa4j file system, for calls NIO lacks (xattrs, fallocate...). */
    public static RemoteFs remoteFs(FileSystem fs) {
        return ofLisa4j(fs).remote();
    }

    private static Lisa4jFileSystem ofLisa4j(FileSystem fs) {
        if (!(fs instanceof Lisa4jFileSystem l)) {
            throw new java.nio.file.ProviderMismatchException("not a lisa4j file system: " + fs);
        }
        return l;
    }

    void forget(Lisa4jFileSystem fs) {
        fileSystems.remove(fs.uri(), fs);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        Lisa4jFileSystem fs = fileSystems.get(parse(uri).fileSystem());
        if (fs == null) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs;
    }

    /** The file system's root, or with a fragment ({@code #/dir/file}) that file. */
    @Override
    public Path getPath(URI uri) {
        Lisa4jFileSystem fs = (Lisa4jFileSystem) getFileSystem(uri);
        byte[] path = parse(uri).path();
        return path == null ? fs.root() : fs.root().resolve(Lisa4jPath.parse(fs, path));
    }

    static boolean followLinks(LinkOption... options) {
        boolean follow = true;
        for (LinkOption option : options) {
            if (option == LinkOption.NOFOLLOW_LINKS) {
                follow = false;
            } else if (option == null) {
                throw new NullPointerException();
            }
        }
        return follow;
    }

    // ------------------------------------------------------------ contents

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Lisa4jPath file = Lisa4jPath.cast(path);
        OpenFlags flags = OpenFlags.of(options);
        int mode = file.getFileSystem().creationMode(Modes.requested(0666, attrs));
        try {
            RemoteFile handle = file.getFileSystem().remote().open(file.remote(), flags.flags(), mode);
            if (flags.deleteOnClose()) {
                Remover.quietly(file); // at once, as the JDK does: the handle stays usable
            }
            return new RemoteFileChannel(handle, file, flags, file.getFileSystem().session().maxDataPerRpc());
        } catch (IOException e) {
            if (flags.createNew() && Errors.is(e, Errno.EISDIR)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            if (!flags.followLinks() && Errors.is(e, Errno.ELOOP)) {
                throw new IOException(Errno.ELOOP.description() + " (NOFOLLOW_LINKS specified)");
            }
            throw Errors.translate(e, file, null);
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path path, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Lisa4jPath dir = Lisa4jPath.cast(path);
        if (filter == null) {
            throw new NullPointerException();
        }
        try {
            RemoteFile handle = dir.getFileSystem().remote().open(dir.remote(), O_RDONLY | O_DIRECTORY, 0);
            return new RemoteDirectoryStream(dir, handle, filter);
        } catch (IOException e) {
            if (Errors.is(e, Errno.ENOTDIR)) {
                throw new NotDirectoryException(dir.toString());
            }
            throw Errors.translate(e, dir, null);
        }
    }

    // ------------------------------------------------------------ entries

    @Override
    public void createDirectory(Path path, FileAttribute<?>... attrs) throws IOException {
        Lisa4jPath dir = Lisa4jPath.cast(path);
        int mode = dir.getFileSystem().creationMode(Modes.requested(0777, attrs));
        try {
            dir.getFileSystem().remote().mkdir(dir.remote(), mode);
        } catch (IOException e) {
            if (Errors.is(e, Errno.EISDIR)) {
                throw new FileAlreadyExistsException(dir.toString());
            }
            throw Errors.translate(e, dir, null);
        }
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        Lisa4jPath at = Lisa4jPath.cast(link);
        Lisa4jPath to = Lisa4jPath.cast(target);
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("Initial file attributes not supported when creating symbolic link");
        }
        try {
            at.getFileSystem().remote().symlink(to.bytes(), at.remote());
        } catch (IOException e) {
            throw Errors.translate(e, at, null);
        }
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        Lisa4jPath at = Lisa4jPath.cast(link);
        Lisa4jPath from = Lisa4jPath.cast(existing);
        if (at.getFileSystem() != from.getFileSystem()) {
            throw Errors.translate(Errno.EXDEV.number(), at, from);
        }
        try {
            at.getFileSystem().remote().link(from.remote(), at.remote(), 0);
        } catch (IOException e) {
            throw Errors.translate(e, at, from);
        }
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Lisa4jPath at = Lisa4jPath.cast(link);
        try {
            return Lisa4jPath.parse(at.getFileSystem(), at.getFileSystem().remote().readlink(at.remote()));
        } catch (IOException e) {
            if (Errors.is(e, Errno.EINVAL)) {
                throw new NotLinkException(at.toString());
            }
            throw Errors.translate(e, at, null);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        new Remover(Lisa4jPath.cast(path)).deleteAny(true);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return new Remover(Lisa4jPath.cast(path)).deleteAny(false);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        new Copier(Lisa4jPath.cast(source), Lisa4jPath.cast(target), CopyOptions.forCopy(options)).copy();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        new Mover(Lisa4jPath.cast(source), Lisa4jPath.cast(target), CopyOptions.forMove(options)).move();
    }

    // ------------------------------------------------------------ queries

    /** Equal paths are the same file without asking; otherwise two STATs (links followed). */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        Lisa4jPath a = Lisa4jPath.cast(path);
        if (a.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof Lisa4jPath b) || a.getFileSystem() != b.getFileSystem()) {
            return false;
        }
        FileAttr x = Stat.fresh(a, true);
        FileAttr y = Stat.fresh(b, true);
        return new RemoteAttributes(x).fileKey().equals(new RemoteAttributes(y).fileKey());
    }

    /** A name beginning with '.', as on Unix; sends nothing. */
    @Override
    public boolean isHidden(Path path) {
        Path name = Lisa4jPath.cast(path).getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        RemoteFileStore store = new RemoteFileStore(Lisa4jPath.cast(path).toAbsolutePath());
        store.statfs();
        return store;
    }

    /** One ACCESS with the server's identity. */
    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Lisa4jPath file = Lisa4jPath.cast(path);
        int mode = ProtocolConstants.F_OK;
        for (AccessMode m : modes) {
            mode |= switch (m) {
                case READ -> ProtocolConstants.R_OK;
                case WRITE -> ProtocolConstants.W_OK;
                case EXECUTE -> ProtocolConstants.X_OK;
            };
        }
        try {
            file.getFileSystem().remote().access(file.remote(), mode, 0);
        } catch (IOException e) {
            int errno = Errors.errno(e);
            if (errno == 0) {
                throw e;
            }
            throw Errors.translate(errno == Errno.ENOTDIR.number() ? Errno.ENOENT.number() : errno, file, null);
        }
    }

    @Override
    public boolean exists(Path path, LinkOption... options) {
        try {
            return Stat.ifExists(Lisa4jPath.cast(path), followLinks(options)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------ attributes

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        Lisa4jPath file = Lisa4jPath.cast(path);
        boolean follow = followLinks(options);
        if (type == BasicFileAttributeView.class) {
            return (V) new RemoteAttributeView(file, follow, "basic");
        }
        if (type == PosixFileAttributeView.class) {
            return (V) new RemoteAttributeView(file, follow, "posix");
        }
        if (type == FileOwnerAttributeView.class) {
            return (V) new RemoteAttributeView(file, follow, "owner");
        }
        return null;
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        checkAttributesType(type);
        return type.cast(new RemoteAttributes(Stat.of(Lisa4jPath.cast(path), followLinks(options))));
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributesIfExists(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        checkAttributesType(type);
        FileAttr attr = Stat.ifExists(Lisa4jPath.cast(path), followLinks(options));
        return attr == null ? null : type.cast(new RemoteAttributes(attr));
    }

    private static void checkAttributesType(Class<?> type) {
        if (type != BasicFileAttributes.class && type != PosixFileAttributes.class
                && type != Lisa4jFileAttributes.class) {
            if (type == null) {
                throw new NullPointerException();
            }
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return AttributeMap.read(Lisa4jPath.cast(path), attributes, followLinks(options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        AttributeMap.set(Lisa4jPath.cast(path), attribute, value, followLinks(options));
    }
}
