package io.lisa4j.it.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * NIO behaviour, the Jimfs way: every case runs against the default file system (a temp dir),
 * which shows that the expectations are the JDK's own, and against lisa4j. A case may treat the
 * two differently only for a reason listed in {@link #DIFFERENCES}, and names it via
 * {@link #differs(String)}.
 */
abstract class NioBehaviourSuite {
    /** Where lisa4j knowingly differs from the local file system, and why. */
    static final Map<String, String> DIFFERENCES = Map.of(
            "owner-names", "owners and groups are host ids without names (protocol v1 maps no ids): "
                    + "UserPrincipal.getName() is \"1000\" where the JDK says \"alice\"; lookups take numbers",
            "watch-service", "the protocol has no change notifications: newWatchService() throws "
                    + "UnsupportedOperationException",
            "lisa4j-view", "the \"lisa4j\" attribute view and Lisa4jFileAttributes exist on lisa4j only",
            "file-store", "a FileStore is named after the export and has type \"lisa4j\", not the host's "
                    + "mount name and file system type",
            "file-channel-locks", "FileChannel.lock/tryLock and map throw UnsupportedOperationException: "
                    + "the protocol has no locks and no shared memory",
            "to-file", "Path.toFile() throws UnsupportedOperationException, as for every non-default provider");

    protected Path root;

    /** A fresh empty directory for one case. */
    protected abstract Path newRoot() throws IOException;

    protected abstract boolean isLisa4j();

    /** True where this run is lisa4j and the case meets the documented difference {@code key}. */
    protected boolean differs(String key) {
        assertTrue(DIFFERENCES.containsKey(key), "undocumented difference " + key);
        return isLisa4j();
    }

    @BeforeEach
    void createRoot() throws IOException {
        root = newRoot();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content);
    }

    private static void assertFsException(String reason, Executable call) {
        FileSystemException e = assertThrowsExactly(FileSystemException.class, call);
        assertEquals(reason, e.getReason());
    }

    private Set<String> names(Stream<Path> paths) {
        try (paths) {
            return paths.map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ------------------------------------------------------------ whole-file reads and writes

    @Test
    void writeThenReadAllBytes() throws IOException {
        byte[] data = bytes(200_000, 1);
        Path f = Files.write(root.resolve("f"), data);
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(data.length, Files.size(f));
    }

    @Test
    void emptyFileReadsEmpty() throws IOException {
        Path f = Files.write(root.resolve("empty"), new byte[0]);
        assertArrayEquals(new byte[0], Files.readAllBytes(f));
    }

    @Test
    void writeStringReadStringAndLines() throws IOException {
        Path f = Files.writeString(root.resolve("t.txt"), "one\ntwo\nthree\n");
        assertEquals("one\ntwo\nthree\n", Files.readString(f));
        assertEquals(List.of("one", "two", "three"), Files.readAllLines(f));
        try (Stream<String> lines = Files.lines(f); BufferedReader r = Files.newBufferedReader(f)) {
            assertEquals(3, lines.count());
            assertEquals("one", r.readLine());
        }
    }

    @Test
    void writeTruncatesByDefaultAndAppendAppends() throws IOException {
        Path f = file("f", "longer content");
        Files.writeString(f, "short");
        assertEquals("short", Files.readString(f));
        Files.writeString(f, "+more", APPEND);
        assertEquals("short+more", Files.readString(f));
    }

    @Test
    void readMissingFileIsNoSuchFile() {
        assertThrowsExactly(NoSuchFileException.class, () -> Files.readAllBytes(root.resolve("missing")));
    }

    @Test
    void readThroughAFileIsNotADirectory() throws IOException {
        file("f", "x");
        assertFsException("Not a directory", () -> Files.readAllBytes(root.resolve("f/child")));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.readAttributes(root.resolve("f/child"),
                BasicFileAttributes.class));
    }

    @Test
    void readingADirectoryFails() throws IOException {
        Path d = Files.createDirectory(root.resolve("d"));
        assertThrows(IOException.class, () -> Files.readAllBytes(d));
        assertThrowsExactly(FileSystemException.class, () -> Files.newOutputStream(d).close());
    }

    @Test
    void streamsRoundTripLargeData() throws IOException {
        byte[] data = bytes(300_000, 2);
        try (OutputStream out = Files.newOutputStream(root.resolve("big"))) {
            for (int i = 0; i < data.length; i += 7000) {
                out.write(data, i, Math.min(7000, data.length - i));
            }
        }
        try (InputStream in = Files.newInputStream(root.resolve("big"))) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(-1, in.read());
        }
    }

    // ------------------------------------------------------------ channels

    @Test
    void channelPositionSizeReadWrite() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(root.resolve("c"), CREATE_NEW, READ, WRITE)) {
            assertEquals(0, ch.size());
            assertEquals(5, ch.write(ByteBuffer.wrap("hello".getBytes(UTF_8))));
            assertEquals(5, ch.position());
            ch.position(10);
            ch.write(ByteBuffer.wrap("!".getBytes(UTF_8)));
            assertEquals(11, ch.size());
            ch.position(0);
            ByteBuffer buf = ByteBuffer.allocate(20);
            assertEquals(11, ch.read(buf));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
            assertArrayEquals("hello\0\0\0\0\0!".getBytes(UTF_8), java.util.Arrays.copyOf(buf.array(), 11));
            ch.position(100);
            assertEquals(-1, ch.read(ByteBuffer.allocate(4)));
            assertEquals(0, ch.read(ByteBuffer.allocate(0)));
        }
    }

    @Test
    void channelTruncate() throws IOException {
        Path f = file("f", "0123456789");
        try (SeekableByteChannel ch = Files.newByteChannel(f, WRITE)) {
            ch.position(8);
            ch.truncate(20);
            assertEquals(10, ch.size());
            assertEquals(8, ch.position());
            ch.truncate(4);
            assertEquals(4, ch.size());
            assertEquals(4, ch.position());
            assertThrows(IllegalArgumentException.class, () -> ch.truncate(-1));
        }
        assertEquals("0123", Files.readString(f));
    }

    @Test
    void channelAppendWritesAtTheEnd() throws IOException {
        Path f = file("f", "abc");
        try (SeekableByteChannel ch = Files.newByteChannel(f, APPEND)) {
            assertEquals(3, ch.position());
            ch.position(0);
            ch.write(ByteBuffer.wrap("def".getBytes(UTF_8)));
            assertEquals(6, ch.position());
        }
        assertEquals("abcdef", Files.readString(f));
    }

    @Test
    void openOptionRules() throws IOException {
        Path f = file("f", "data");
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.newByteChannel(f, CREATE_NEW, WRITE));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.newByteChannel(root.resolve("none"), WRITE));
        assertThrowsExactly(IllegalArgumentException.class, () -> Files.newByteChannel(f, READ, APPEND));
        assertThrowsExactly(IllegalArgumentException.class, () -> Files.newByteChannel(f, APPEND, TRUNCATE_EXISTING));
        // CREATE without WRITE is ignored, as is TRUNCATE_EXISTING
        assertThrowsExactly(NoSuchFileException.class, () -> Files.newByteChannel(root.resolve("none"), CREATE));
        Files.newByteChannel(f, READ, TRUNCATE_EXISTING).close();
        assertEquals("data", Files.readString(f));
        Files.newByteChannel(root.resolve("made"), CREATE, WRITE).close();
        assertTrue(Files.isRegularFile(root.resolve("made")));
        Files.newByteChannel(f, WRITE, TRUNCATE_EXISTING).close();
        assertEquals(0, Files.size(f));
    }

    @Test
    void channelModesAreEnforced() throws IOException {
        Path f = file("f", "data");
        try (SeekableByteChannel ch = Files.newByteChannel(f, READ)) {
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> ch.truncate(0));
        }
        try (SeekableByteChannel ch = Files.newByteChannel(f, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
        }
        SeekableByteChannel closed = Files.newByteChannel(f);
        closed.close();
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
    }

    @Test
    void noFollowLinksRefusesASymlink() throws IOException {
        Path target = file("target", "x");
        Path link = Files.createSymbolicLink(root.resolve("link"), target);
        IOException e = assertThrowsExactly(IOException.class, () -> Files.newByteChannel(link, NOFOLLOW_LINKS));
        assertTrue(e.getMessage().contains("NOFOLLOW_LINKS specified"), e.getMessage());
        try (SeekableByteChannel ch = Files.newByteChannel(link)) {
            assertEquals(1, ch.size());
        }
    }

    @Test
    void deleteOnClose() throws IOException {
        Path f = root.resolve("temp");
        try (SeekableByteChannel ch = Files.newByteChannel(f, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
            assertFalse(Files.exists(f), "the JDK unlinks at once; the channel stays usable");
            assertEquals(3, ch.write(ByteBuffer.wrap(new byte[3])));
        }
        assertFalse(Files.exists(f));
    }

    @Test
    void createWithPermissionsAppliesTheUmask() throws IOException {
        Set<PosixFilePermission> all = PosixFilePermissions.fromString("rwxrwxrwx");
        Path f = Files.createFile(root.resolve("f"), PosixFilePermissions.asFileAttribute(all));
        Path d = Files.createDirectory(root.resolve("d"), PosixFilePermissions.asFileAttribute(all));
        Path plain = Files.createFile(root.resolve("plain"));
        assertEquals(masked(all), Files.getPosixFilePermissions(f));
        assertEquals(masked(all), Files.getPosixFilePermissions(d));
        assertEquals(masked(PosixFilePermissions.fromString("rw-rw-rw-")), Files.getPosixFilePermissions(plain));
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.createFile(f));
    }

    /** {@code requested} less this process's umask, which both file systems apply. */
    private static Set<PosixFilePermission> masked(Set<PosixFilePermission> requested) throws IOException {
        int umask = umask();
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : requested) {
            if ((umask & (1 << (8 - p.ordinal()))) == 0) {
                out.add(p);
            }
        }
        return out;
    }

    private static int umask() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        return -1;
    }

    // ------------------------------------------------------------ directories

    @Test
    void directoryStreamListsEntriesWithoutDots() throws IOException {
        file("a.txt", "a");
        file("b.txt", "b");
        Files.createDirectory(root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("link"), root.resolve("a.txt"));
        Set<String> seen = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                assertEquals(root, p.getParent());
                seen.add(p.getFileName().toString());
            }
        }
        assertEquals(Set.of("a.txt", "b.txt", "link", "sub"), seen);
    }

    @Test
    void directoryStreamGlobFilters() throws IOException {
        for (String n : List.of("a.txt", "b.txt", "c.log", "ab.java", ".hidden.txt")) {
            file(n, n);
        }
        assertEquals(Set.of(".hidden.txt", "a.txt", "b.txt"), glob("*.txt"));
        assertEquals(Set.of("a.txt", "ab.java"), glob("a*"));
        assertEquals(Set.of("a.txt", "b.txt", "c.log"), glob("?.{txt,log}"));
        assertEquals(Set.of("ab.java"), glob("[a-c][!.]*"));
        assertEquals(Set.of(), glob("*.none"));
        PathMatcher regex = root.getFileSystem().getPathMatcher("regex:.*\\.java");
        assertTrue(regex.matches(root.resolve("ab.java")));
        assertFalse(regex.matches(root.resolve("a.txt")));
        PathMatcher deep = root.getFileSystem().getPathMatcher("glob:**/*.txt");
        assertTrue(deep.matches(root.resolve("a.txt")));
        assertThrows(IllegalArgumentException.class, () -> root.getFileSystem().getPathMatcher("nosyntax"));
        assertThrows(UnsupportedOperationException.class, () -> root.getFileSystem().getPathMatcher("other:x"));
    }

    private Set<String> glob(String glob) throws IOException {
        Set<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, glob)) {
            ds.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    @Test
    void directoryStreamErrors() throws IOException {
        Path f = file("f", "x");
        assertThrowsExactly(NotDirectoryException.class, () -> Files.newDirectoryStream(f));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.newDirectoryStream(root.resolve("none")));
        DirectoryStream<Path> ds = Files.newDirectoryStream(root);
        ds.iterator();
        assertThrows(IllegalStateException.class, ds::iterator);
        ds.close();
        DirectoryStream<Path> closed = Files.newDirectoryStream(root);
        closed.close();
        assertThrows(IllegalStateException.class, closed::iterator);
    }

    @Test
    void directoryStreamFilterFailureIsADirectoryIteratorException() throws IOException {
        file("f", "x");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, p -> {
            throw new IOException("filter");
        })) {
            DirectoryIteratorException e = assertThrows(DirectoryIteratorException.class, () -> ds.iterator().hasNext());
            assertEquals("filter", e.getCause().getMessage());
        }
    }

    @Test
    void largeDirectoryListsEveryEntryOnce() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 1500; i++) {
            String name = "entry-with-a-longish-name-" + i;
            Files.createFile(root.resolve(name));
            expected.add(name);
        }
        List<String> seen = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            ds.forEach(p -> seen.add(p.getFileName().toString()));
        }
        assertEquals(expected.size(), seen.size());
        assertEquals(expected, new TreeSet<>(seen));
    }

    @Test
    void createDirectoryAndDirectories() throws IOException {
        Path d = Files.createDirectory(root.resolve("d"));
        assertTrue(Files.isDirectory(d));
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.createDirectory(d));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.createDirectory(root.resolve("x/y")));
        Path deep = Files.createDirectories(root.resolve("a/b/c/d"));
        assertTrue(Files.isDirectory(deep));
        assertEquals(deep, Files.createDirectories(deep));
        file("file", "x");
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.createDirectories(root.resolve("file")));
        assertThrowsExactly(FileSystemException.class, () -> Files.createDirectories(root.resolve("file/sub")));
    }

    @Test
    void walkVisitsTheWholeTree() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        file("a/f1", "1");
        file("a/b/f2", "22");
        file("a/b/c/f3", "333");
        Files.createDirectory(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("a/link"), root.resolve("a/b"));
        Set<String> expected = Set.of("", "a", "a/f1", "a/b", "a/b/f2", "a/b/c", "a/b/c/f3", "empty", "a/link");
        assertEquals(new TreeSet<>(expected), names(Files.walk(root)));
        assertEquals(Set.of("", "a", "empty"), names(Files.walk(root, 1)));
        assertEquals(Set.of("a/b/c/f3", "a/b/f2", "a/f1"),
                names(Files.find(root, 10, (p, a) -> a.isRegularFile())));
        assertEquals(Set.of("a/link"), names(Files.find(root, 10, (p, a) -> a.isSymbolicLink())));
        // following links, the link is walked as a directory
        assertTrue(names(Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)).contains("a/link/c/f3"));
        // a parent comes before its children
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> order = s.toList();
            for (Path p : order) {
                if (!p.equals(root)) {
                    assertTrue(order.indexOf(p.getParent()) < order.indexOf(p), p.toString());
                }
            }
        }
    }

    @Test
    void walkFileTreeReportsAttributesAndEvents() throws IOException {
        Files.createDirectories(root.resolve("d/e"));
        Files.write(root.resolve("d/f"), new byte[42]);
        List<String> events = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                assertTrue(attrs.isDirectory());
                events.add("pre " + root.relativize(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                assertEquals(42, attrs.size());
                assertTrue(attrs.isRegularFile());
                events.add("file " + root.relativize(file));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                events.add("post " + root.relativize(dir));
                return FileVisitResult.CONTINUE;
            }
        });
        assertEquals("pre ", events.getFirst());
        assertEquals("post ", events.getLast());
        assertTrue(events.indexOf("pre d") < events.indexOf("file d/f"));
        assertTrue(events.indexOf("post d/e") < events.indexOf("post d"));
        assertEquals(7, events.size());
    }

    @Test
    void walkOfAMissingDirectoryFails() {
        assertThrowsExactly(NoSuchFileException.class, () -> Files.walk(root.resolve("none")).close());
    }

    // ------------------------------------------------------------ attributes

    @Test
    void basicAttributes() throws IOException {
        Path f = Files.write(root.resolve("f"), new byte[1234]);
        Path d = Files.createDirectory(root.resolve("d"));
        Path l = Files.createSymbolicLink(root.resolve("l"), f);
        BasicFileAttributes fa = Files.readAttributes(f, BasicFileAttributes.class);
        assertEquals(1234, fa.size());
        assertTrue(fa.isRegularFile());
        assertFalse(fa.isDirectory() || fa.isSymbolicLink() || fa.isOther());
        assertTrue(Files.readAttributes(d, BasicFileAttributes.class).isDirectory());
        assertTrue(Files.readAttributes(l, BasicFileAttributes.class, NOFOLLOW_LINKS).isSymbolicLink());
        assertTrue(Files.readAttributes(l, BasicFileAttributes.class).isRegularFile());
        assertEquals(fa.fileKey(), Files.readAttributes(l, BasicFileAttributes.class).fileKey());
        assertNotEquals(fa.fileKey(), Files.readAttributes(d, BasicFileAttributes.class).fileKey());
        assertTrue(Files.isRegularFile(l));
        assertFalse(Files.isRegularFile(l, NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(l));
        assertFalse(Files.isDirectory(root.resolve("none")));
        assertEquals(1234, Files.size(l));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.size(root.resolve("none")));
    }

    @Test
    void attributesByName() throws IOException {
        Path f = Files.write(root.resolve("f"), new byte[10]);
        Map<String, Object> basic = Files.readAttributes(f, "*");
        assertEquals(Set.of("lastModifiedTime", "lastAccessTime", "creationTime", "size", "isRegularFile",
                "isDirectory", "isSymbolicLink", "isOther", "fileKey"), basic.keySet());
        assertEquals(10L, basic.get("size"));
        Map<String, Object> some = Files.readAttributes(f, "posix:size,permissions,owner");
        assertEquals(Set.of("size", "permissions", "owner"), some.keySet());
        assertTrue(Files.readAttributes(f, "posix:*").keySet().containsAll(Set.of("group", "permissions", "owner")));
        assertEquals(1, Files.getAttribute(f, "unix:nlink"));
        assertEquals(Files.getAttribute(f, "unix:ino"), Files.getAttribute(f, "unix:ino"));
        assertEquals(0100644 & 0170000, (Integer) Files.getAttribute(f, "unix:mode") & 0170000);
        assertThrows(IllegalArgumentException.class, () -> Files.getAttribute(f, "basic:nonsense"));
        assertThrows(UnsupportedOperationException.class, () -> Files.getAttribute(f, "nosuchview:size"));
        assertTrue(root.getFileSystem().supportedFileAttributeViews().containsAll(Set.of("basic", "posix", "owner")));
    }

    @Test
    void lisa4jViewCarriesTheFullAttributes() throws IOException {
        Path f = Files.write(root.resolve("f"), new byte[10]);
        Files.createLink(root.resolve("g"), f);
        if (!differs("lisa4j-view")) {
            assertThrows(UnsupportedOperationException.class, () -> Files.readAttributes(f, "lisa4j:*"));
            return;
        }
        var attrs = Files.readAttributes(f, io.lisa4j.client.nio.Lisa4jFileAttributes.class);
        assertEquals(2, attrs.attr().nlink());
        assertEquals(10, attrs.attr().size());
        assertEquals(Files.getAttribute(f, "unix:ino"), attrs.attr().ino());
        Map<String, Object> all = Files.readAttributes(f, "lisa4j:*");
        assertEquals(attrs.attr().ino(), all.get("ino"));
        assertEquals(2, all.get("nlink"));
        assertTrue(all.containsKey("btime") && all.containsKey("blocks") && all.containsKey("ctime"));
    }

    @Test
    void posixAttributesAndPermissions() throws IOException {
        Path f = file("f", "x");
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwx-w---x");
        Files.setPosixFilePermissions(f, perms);
        assertEquals(perms, Files.getPosixFilePermissions(f));
        Files.setAttribute(f, "posix:permissions", PosixFilePermissions.fromString("r--------"));
        assertEquals(PosixFilePermissions.fromString("r--------"), Files.getPosixFilePermissions(f));
        Files.setAttribute(f, "unix:mode", 0640);
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(f));
        PosixFileAttributes pa = Files.readAttributes(f, PosixFileAttributes.class);
        assertEquals(Files.getAttribute(f, "unix:uid"), uidOf(pa.owner()));
        assertThrowsExactly(NoSuchFileException.class,
                () -> Files.setPosixFilePermissions(root.resolve("none"), perms));
    }

    private int uidOf(UserPrincipal owner) throws IOException {
        if (differs("owner-names")) {
            return Integer.parseInt(owner.getName());
        }
        return (Integer) Files.getAttribute(root, "unix:uid");
    }

    @Test
    void ownerCanBeSetToItself() throws IOException {
        Path f = file("f", "x");
        UserPrincipal owner = Files.getOwner(f);
        Files.setOwner(f, owner);
        assertEquals(owner, Files.getOwner(f));
        PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);
        view.setGroup(view.readAttributes().group());
        assertEquals(view.readAttributes().group(), Files.readAttributes(f, PosixFileAttributes.class).group());
        var lookup = root.getFileSystem().getUserPrincipalLookupService();
        String name = owner.getName();
        assertEquals(owner, lookup.lookupPrincipalByName(name));
        if (differs("owner-names")) {
            assertThrows(java.nio.file.attribute.UserPrincipalNotFoundException.class,
                    () -> lookup.lookupPrincipalByName("no-such-user-here"));
        }
    }

    @Test
    void timesCanBeSet() throws IOException {
        Path f = file("f", "x");
        FileTime mtime = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));
        FileTime atime = FileTime.from(Instant.parse("2002-03-04T05:06:07Z"));
        Files.setLastModifiedTime(f, mtime);
        assertEquals(mtime, Files.getLastModifiedTime(f));
        Files.setAttribute(f, "basic:lastAccessTime", atime);
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        assertEquals(atime, a.lastAccessTime());
        assertEquals(mtime, a.lastModifiedTime(), "setting atime leaves mtime");
        Files.getFileAttributeView(f, java.nio.file.attribute.BasicFileAttributeView.class).setTimes(null, null, null);
        assertEquals(mtime, Files.getLastModifiedTime(f));
        assertNotEquals(null, a.creationTime());
    }

    @Test
    void symlinkTimesWithNoFollow() throws IOException {
        Path f = file("f", "x");
        Path l = Files.createSymbolicLink(root.resolve("l"), f);
        FileTime t = FileTime.from(Instant.parse("2003-01-01T00:00:00Z"));
        Files.getFileAttributeView(l, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW_LINKS)
                .setTimes(t, null, null);
        assertEquals(t, Files.getLastModifiedTime(l, NOFOLLOW_LINKS));
        assertNotEquals(t, Files.getLastModifiedTime(f));
    }

    // ------------------------------------------------------------ move

    @Test
    void moveRenames() throws IOException {
        Path a = file("a", "A");
        Path b = root.resolve("b");
        assertEquals(b, Files.move(a, b));
        assertFalse(Files.exists(a));
        assertEquals("A", Files.readString(b));
        Files.createDirectories(root.resolve("d/e"));
        Files.move(root.resolve("d"), root.resolve("d2"));
        assertTrue(Files.isDirectory(root.resolve("d2/e")));
    }

    @Test
    void moveOntoAnExistingTarget() throws IOException {
        Path a = file("a", "A");
        Path b = file("b", "B");
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.move(a, b));
        assertEquals("B", Files.readString(b));
        Files.move(a, b, REPLACE_EXISTING);
        assertEquals("A", Files.readString(b));
        assertFalse(Files.exists(a));
        Path c = file("c", "C");
        Files.move(c, b, ATOMIC_MOVE);
        assertEquals("C", Files.readString(b));
    }

    @Test
    void moveReplacesAcrossKinds() throws IOException {
        Path f = file("f", "F");
        Path emptyDir = Files.createDirectory(root.resolve("empty"));
        Files.move(f, emptyDir, REPLACE_EXISTING);
        assertTrue(Files.isRegularFile(emptyDir));
        Path dir = Files.createDirectory(root.resolve("dir"));
        Path file = file("file", "x");
        Files.move(dir, file, REPLACE_EXISTING);
        assertTrue(Files.isDirectory(file));
        Path full = Files.createDirectory(root.resolve("full"));
        file("full/x", "x");
        Path other = Files.createDirectory(root.resolve("other"));
        assertThrowsExactly(DirectoryNotEmptyException.class, () -> Files.move(other, full, REPLACE_EXISTING));
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.move(other, full));
    }

    @Test
    void moveEdgeCases() throws IOException {
        Path a = file("a", "A");
        assertEquals(a, Files.move(a, a));
        Files.createLink(root.resolve("hard"), a);
        Files.move(a, root.resolve("hard"));
        assertTrue(Files.exists(a), "moving onto a hard link of itself does nothing");
        assertThrowsExactly(NoSuchFileException.class, () -> Files.move(root.resolve("none"), root.resolve("x")));
        assertThrowsExactly(UnsupportedOperationException.class, () -> Files.move(a, root.resolve("y"), COPY_ATTRIBUTES));
        Path d = Files.createDirectory(root.resolve("d"));
        assertThrows(FileSystemException.class, () -> Files.move(d, d.resolve("inside")));
        Path l = Files.createSymbolicLink(root.resolve("l"), a);
        Files.move(l, root.resolve("l2"));
        assertTrue(Files.isSymbolicLink(root.resolve("l2")));
    }

    // ------------------------------------------------------------ copy

    @Test
    void copyFile() throws IOException {
        byte[] data = bytes(150_000, 3);
        Path a = Files.write(root.resolve("a"), data);
        Path b = root.resolve("b");
        assertEquals(b, Files.copy(a, b));
        assertArrayEquals(data, Files.readAllBytes(b));
        assertFalse(Files.isSameFile(a, b));
        Path empty = Files.createFile(root.resolve("empty"));
        Files.copy(empty, root.resolve("empty2"));
        assertEquals(0, Files.size(root.resolve("empty2")));
    }

    @Test
    void copyOntoAnExistingTarget() throws IOException {
        Path a = file("a", "A");
        Path b = file("b", "B");
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.copy(a, b));
        Files.copy(a, b, REPLACE_EXISTING);
        assertEquals("A", Files.readString(b));
        Path d = Files.createDirectory(root.resolve("d"));
        Files.copy(a, d, REPLACE_EXISTING);
        assertTrue(Files.isRegularFile(d));
        Path full = Files.createDirectory(root.resolve("full"));
        file("full/x", "x");
        assertThrowsExactly(DirectoryNotEmptyException.class, () -> Files.copy(a, full, REPLACE_EXISTING));
        Files.copy(a, a);
        Files.copy(a, a, REPLACE_EXISTING);
        assertEquals("A", Files.readString(a));
    }

    @Test
    void copyAttributes() throws IOException {
        Path a = file("a", "A");
        FileTime t = FileTime.from(Instant.parse("2010-10-10T10:10:10Z"));
        Files.setLastModifiedTime(a, t);
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwx---r-x"));
        Path plain = Files.copy(a, root.resolve("plain"));
        assertNotEquals(t, Files.getLastModifiedTime(plain));
        Path kept = Files.copy(a, root.resolve("kept"), COPY_ATTRIBUTES);
        assertEquals(t, Files.getLastModifiedTime(kept));
        assertEquals(PosixFilePermissions.fromString("rwx---r-x"), Files.getPosixFilePermissions(kept));
    }

    @Test
    void copyDirectoryAndLinks() throws IOException {
        Path d = Files.createDirectory(root.resolve("d"));
        file("d/inner", "x");
        Path copy = Files.copy(d, root.resolve("d2"));
        assertTrue(Files.isDirectory(copy));
        try (Stream<Path> s = Files.list(copy)) {
            assertEquals(0, s.count(), "a directory copy is shallow");
        }
        Path target = file("target", "T");
        Path link = Files.createSymbolicLink(root.resolve("link"), target);
        Path followed = Files.copy(link, root.resolve("followed"));
        assertFalse(Files.isSymbolicLink(followed));
        assertEquals("T", Files.readString(followed));
        Path asLink = Files.copy(link, root.resolve("asLink"), NOFOLLOW_LINKS);
        assertTrue(Files.isSymbolicLink(asLink));
        assertEquals(target, Files.readSymbolicLink(asLink));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.copy(root.resolve("none"), root.resolve("x")));
        assertThrowsExactly(UnsupportedOperationException.class, () -> Files.copy(target, root.resolve("y"), ATOMIC_MOVE));
    }

    // ------------------------------------------------------------ delete

    @Test
    void deleteFilesDirectoriesAndLinks() throws IOException {
        Path f = file("f", "x");
        Files.delete(f);
        assertFalse(Files.exists(f));
        Path d = Files.createDirectory(root.resolve("d"));
        file("d/x", "x");
        assertThrowsExactly(DirectoryNotEmptyException.class, () -> Files.delete(d));
        Files.delete(d.resolve("x"));
        Files.delete(d);
        assertFalse(Files.exists(d));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.delete(f));
        assertFalse(Files.deleteIfExists(f));
        Path target = Files.createDirectory(root.resolve("target"));
        Path link = Files.createSymbolicLink(root.resolve("link"), target);
        assertTrue(Files.deleteIfExists(link));
        assertTrue(Files.isDirectory(target));
    }

    // ------------------------------------------------------------ links

    @Test
    void symbolicLinks() throws IOException {
        Path f = file("f", "content");
        Path rel = Files.createSymbolicLink(root.resolve("rel"), root.relativize(f));
        assertEquals(f.getFileName(), Files.readSymbolicLink(rel));
        assertEquals("content", Files.readString(rel));
        Path dangling = Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        assertFalse(Files.exists(dangling));
        assertTrue(Files.exists(dangling, NOFOLLOW_LINKS));
        assertTrue(Files.notExists(dangling));
        assertThrowsExactly(NotLinkException.class, () -> Files.readSymbolicLink(f));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.readSymbolicLink(root.resolve("none")));
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.createSymbolicLink(rel, f));
        assertThrowsExactly(UnsupportedOperationException.class, () -> Files.createSymbolicLink(root.resolve("x"), f,
                PosixFilePermissions.asFileAttribute(Set.of())));
        Path loop = Files.createSymbolicLink(root.resolve("loop"), root.resolve("loop"));
        assertFsException("Too many levels of symbolic links or unable to access attributes of symbolic link",
                () -> Files.readAllBytes(loop));
    }

    @Test
    void hardLinks() throws IOException {
        Path f = file("f", "one");
        Path g = Files.createLink(root.resolve("g"), f);
        assertTrue(Files.isSameFile(f, g));
        assertEquals(2, Files.getAttribute(f, "unix:nlink"));
        Files.writeString(g, "two");
        assertEquals("two", Files.readString(f));
        assertThrowsExactly(FileAlreadyExistsException.class, () -> Files.createLink(g, f));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.createLink(root.resolve("h"), root.resolve("none")));
        Path d = Files.createDirectory(root.resolve("d"));
        assertFsException("Operation not permitted", () -> Files.createLink(root.resolve("dl"), d));
    }

    @Test
    void sameFileHiddenAndAccess() throws IOException {
        Path f = file("f", "x");
        Path other = file("other", "x");
        assertTrue(Files.isSameFile(f, f));
        assertTrue(Files.isSameFile(root.resolve("none"), root.resolve("none")));
        assertTrue(Files.isSameFile(f, root.resolve("./f")));
        assertFalse(Files.isSameFile(f, other));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.isSameFile(f, root.resolve("none")));
        assertTrue(Files.isHidden(root.resolve(".dot")));
        assertFalse(Files.isHidden(f));
        assertTrue(Files.isReadable(f) && Files.isWritable(f));
        assertFalse(Files.isExecutable(f));
        f.getFileSystem().provider().checkAccess(f, AccessMode.READ, AccessMode.WRITE);
        assertThrowsExactly(NoSuchFileException.class,
                () -> f.getFileSystem().provider().checkAccess(root.resolve("none")));
        assertThrowsExactly(NoSuchFileException.class,
                () -> f.getFileSystem().provider().checkAccess(root.resolve("f/below")));
        assertThrowsExactly(AccessDeniedException.class,
                () -> f.getFileSystem().provider().checkAccess(f, AccessMode.EXECUTE));
        assertTrue(Files.exists(f) && !Files.notExists(f));
        assertFalse(Files.exists(root.resolve("none")));
    }

    // ------------------------------------------------------------ paths

    @Test
    void pathOperations() throws IOException {
        var fs = root.getFileSystem();
        Path p = fs.getPath("a", "b", "c.txt");
        assertEquals("a/b/c.txt", p.toString());
        assertEquals("c.txt", p.getFileName().toString());
        assertEquals("a/b", p.getParent().toString());
        assertEquals(3, p.getNameCount());
        assertEquals("b", p.getName(1).toString());
        assertEquals("b/c.txt", p.subpath(1, 3).toString());
        assertNull(p.getRoot());
        assertTrue(p.startsWith("a/b") && p.endsWith("b/c.txt") && !p.startsWith("a/b/c"));
        assertEquals("a/x/../b", fs.getPath("a//x/../b/").toString());
        assertEquals("a/b", fs.getPath("a/./x/../b").normalize().toString());
        assertEquals("../b", fs.getPath("a").relativize(fs.getPath("b")).toString());
        assertEquals("", fs.getPath("a").relativize(fs.getPath("a")).toString());
        assertEquals(1, fs.getPath("").getNameCount());
        assertEquals("", fs.getPath("").getFileName().toString());
        assertEquals("/", fs.getPath("/").toString());
        assertNull(fs.getPath("/").getFileName());
        assertEquals(0, fs.getPath("/").getNameCount());
        assertEquals("/x/y", fs.getPath("/x").resolve("y").toString());
        assertEquals("/z", fs.getPath("/x").resolve("/z").toString());
        assertEquals("x/sib", fs.getPath("x/y").resolveSibling("sib").toString());
        assertEquals("/", fs.getPath("/../..").normalize().toString());
        assertEquals("../..", fs.getPath("a/../../..").normalize().toString());
        assertTrue(fs.getPath("a").compareTo(fs.getPath("b")) < 0);
        assertEquals(fs.getPath("a/b"), fs.getPath("a", "b"));
        assertThrows(java.nio.file.InvalidPathException.class, () -> fs.getPath("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> fs.getPath("/a").relativize(fs.getPath("b")));
        List<String> names = new ArrayList<>();
        p.forEach(n -> names.add(n.toString()));
        assertEquals(List.of("a", "b", "c.txt"), names);
        assertEquals(root.resolve("é ü"), Files.createFile(root.resolve("é ü")));
        assertTrue(Files.exists(root.resolve("é ü")));
        assertEquals("é ü", root.resolve("é ü").getFileName().toString());
    }

    @Test
    void realPathResolvesLinks() throws IOException {
        Path d = Files.createDirectories(root.resolve("real/dir"));
        Files.createSymbolicLink(root.resolve("ln"), root.resolve("real"));
        Path viaLink = root.resolve("ln/dir/../dir");
        assertEquals(d.toRealPath(), viaLink.toRealPath());
        assertEquals(root.toRealPath().resolve("ln/dir"), root.resolve("ln/./dir").toRealPath(NOFOLLOW_LINKS));
        assertThrowsExactly(NoSuchFileException.class, () -> root.resolve("nope").toRealPath());
        assertEquals(root.toRealPath(), root.resolve("real/..").toRealPath());
        Path uriPath = root.getFileSystem().provider().getPath(d.toUri());
        assertEquals(d.toAbsolutePath(), uriPath);
    }

    // ------------------------------------------------------------ file store and watching

    @Test
    void fileStore() throws IOException {
        FileStore store = Files.getFileStore(root);
        assertTrue(store.getTotalSpace() > 0);
        assertTrue(store.getUsableSpace() <= store.getTotalSpace());
        assertTrue(store.getUnallocatedSpace() <= store.getTotalSpace());
        assertTrue(store.getBlockSize() > 0);
        assertFalse(store.isReadOnly());
        assertTrue(store.supportsFileAttributeView("posix"));
        assertTrue(store.supportsFileAttributeView(PosixFileAttributeView.class));
        assertThrowsExactly(NoSuchFileException.class, () -> Files.getFileStore(root.resolve("none")));
        if (differs("file-store")) {
            assertEquals("lisa4j", store.type());
            assertEquals("data", store.name());
        }
    }

    @Test
    void watchService() throws IOException {
        if (differs("watch-service")) {
            assertThrows(UnsupportedOperationException.class, () -> root.getFileSystem().newWatchService());
        } else {
            root.getFileSystem().newWatchService().close();
        }
    }

    @Test
    void fileChannelExtras() throws IOException {
        Path f = file("f", "0123456789");
        try (var ch = java.nio.channels.FileChannel.open(f, READ, WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(3);
            assertEquals(3, ch.read(b, 4));
            assertEquals("456", new String(b.array(), UTF_8));
            assertEquals(0, ch.position());
            ch.write(ByteBuffer.wrap("ab".getBytes(UTF_8)), 8);
            ch.force(true);
            var out = new java.io.ByteArrayOutputStream();
            assertEquals(10, ch.transferTo(0, 100, java.nio.channels.Channels.newChannel(out)));
            assertEquals("01234567ab", out.toString(UTF_8));
            if (differs("file-channel-locks")) {
                assertThrows(UnsupportedOperationException.class, ch::lock);
            } else {
                ch.lock().release();
            }
        }
        if (differs("to-file")) {
            assertThrows(UnsupportedOperationException.class, f::toFile);
        } else {
            assertTrue(f.toFile().exists());
        }
    }
}
