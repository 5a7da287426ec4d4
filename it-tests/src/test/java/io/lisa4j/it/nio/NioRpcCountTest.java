package io.lisa4j.it.nio;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.client.RpcCounter;
import io.lisa4j.client.nio.Lisa4jFileSystemProvider;
import io.lisa4j.it.InProcessServer;
import io.lisa4j.protocol.fb.Opcode;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each NIO call costs on the wire, counted per opcode by the session's RpcCounter, on a Unix
 * socket with descriptor donation turned off: every read, write and size is in band.
 * {@link DonatedNioRpcCountTest} runs the same calls with donation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NioRpcCountTest {
    private static final Map<Integer, String> OPCODES = opcodes();

    private Lisa4jNio nio;
    private RpcCounter counter;
    private Path root;

    private interface NioCall {
        void run() throws IOException;
    }

    private static Map<Integer, String> opcodes() {
        Map<Integer, String> m = new TreeMap<>();
        for (var f : Opcode.class.getFields()) {
            if (f.getType() != int.class) {
                continue;
            }
            try {
                m.put(f.getInt(null), f.getName());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return m;
    }

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        nio = Lisa4jNio.start(temp, InProcessServer.Transport.UNIX,
                Map.of(Lisa4jFileSystemProvider.FD_DONATION, donation()));
        counter = Lisa4jFileSystemProvider.session(nio.fs).rpcCounter();
        root = Files.createDirectory(nio.fs.getPath("/rpc"));
        Files.writeString(root.resolve("file"), "content");
        Files.createDirectories(root.resolve("tree/sub"));
        for (String f : new String[] {"tree/a", "tree/b", "tree/sub/c"}) {
            Files.writeString(root.resolve(f), f);
        }
    }

    /** Whether the file system asks for donated descriptors. */
    boolean donation() {
        return false;
    }

    /** {@code rpcs} less the opcodes a donated descriptor serves locally, when donation is on. */
    private Map<String, Long> data(Map<String, Long> rpcs) {
        Map<String, Long> expected = new TreeMap<>(rpcs);
        if (donation()) {
            expected.keySet().removeAll(Set.of("Pread", "Pwrite", "Fstat"));
        }
        return expected;
    }

    @AfterAll
    void stop() throws IOException {
        nio.close();
    }

    /** The RPCs {@code call} sent, by opcode name. */
    private Map<String, Long> rpcs(NioCall call) throws IOException {
        Map<Integer, Long> before = new TreeMap<>();
        OPCODES.keySet().forEach(op -> before.put(op, counter.count(op)));
        call.run();
        Map<String, Long> sent = new TreeMap<>();
        OPCODES.forEach((op, name) -> {
            long n = counter.count(op) - before.get(op);
            if (n != 0) {
                sent.put(name, n);
            }
        });
        return sent;
    }

    @Test
    void attributesAndQueries() throws IOException {
        Path f = root.resolve("file");
        assertEquals(Map.of("Stat", 1L), rpcs(() -> Files.readAttributes(f, BasicFileAttributes.class)));
        assertEquals(Map.of("Stat", 1L), rpcs(() -> Files.readAttributes(f, "posix:*")));
        assertEquals(Map.of("Stat", 1L), rpcs(() -> Files.exists(f)));
        assertEquals(Map.of("Stat", 1L), rpcs(() -> Files.isDirectory(f)));
        assertEquals(Map.of("Stat", 1L), rpcs(() -> Files.size(f)));
        assertEquals(Map.of("Access", 1L), rpcs(() -> f.getFileSystem().provider().checkAccess(f, AccessMode.READ)));
        assertEquals(Map.of("StatFs", 1L), rpcs(() -> Files.getFileStore(f)));
        assertEquals(Map.of(), rpcs(() -> Files.isSameFile(f, root.resolve("file"))));
        assertEquals(Map.of(), rpcs(() -> Files.isHidden(f)));
        assertEquals(Map.of("Stat", 2L), rpcs(() -> Files.isSameFile(f, root.resolve("./file"))));
    }

    @Test
    void settingAttributes() throws IOException {
        Path f = root.resolve("file");
        assertEquals(Map.of("SetAttr", 1L), rpcs(() -> Files.setLastModifiedTime(f, FileTime.fromMillis(0))));
        assertEquals(Map.of("SetAttr", 1L),
                rpcs(() -> Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"))));
        var owner = Files.getOwner(f);
        assertEquals(Map.of("SetAttr", 1L), rpcs(() -> Files.setOwner(f, owner)));
        assertEquals(Map.of("SetAttr", 1L), rpcs(() -> Files.setAttribute(f, "unix:mode", 0644)));
    }

    @Test
    void contents() throws IOException {
        Path f = root.resolve("contents");
        assertEquals(data(Map.of("Open", 1L, "Pwrite", 1L, "Close", 1L)), rpcs(() -> Files.writeString(f, "hello")));
        assertEquals(data(Map.of("Open", 1L, "Fstat", 1L, "Pread", 1L, "Close", 1L)), rpcs(() -> Files.readAllBytes(f)));
        SeekableByteChannel[] ch = new SeekableByteChannel[1];
        assertEquals(Map.of("Open", 1L), rpcs(() -> ch[0] = Files.newByteChannel(f)));
        assertEquals(Map.of("Close", 1L), rpcs(ch[0]::close));
        // a read that reaches the end of the file tells the next read there: no second PREAD
        assertEquals(data(Map.of("Open", 1L, "Pread", 1L, "Close", 1L)), rpcs(() -> {
            try (var in = Files.newInputStream(f)) {
                in.read(new byte[100]);
                in.read();
            }
        }));
    }

    @Test
    void entries() throws IOException {
        Path d = root.resolve("entries");
        assertEquals(Map.of("Mkdir", 1L), rpcs(() -> Files.createDirectory(d)));
        Path f = Files.writeString(d.resolve("f"), "x");
        assertEquals(Map.of("Rename", 1L), rpcs(() -> Files.move(f, d.resolve("g"))));
        assertEquals(Map.of("Rename", 1L), rpcs(() -> Files.move(d.resolve("g"), d.resolve("f"), REPLACE_EXISTING)));
        assertEquals(Map.of("Symlink", 1L), rpcs(() -> Files.createSymbolicLink(d.resolve("l"), f)));
        assertEquals(Map.of("Readlink", 1L), rpcs(() -> Files.readSymbolicLink(d.resolve("l"))));
        assertEquals(Map.of("Link", 1L), rpcs(() -> Files.createLink(d.resolve("h"), f)));
        assertEquals(Map.of("Unlink", 1L), rpcs(() -> Files.delete(d.resolve("h"))));
        assertEquals(Map.of("Unlink", 1L), rpcs(() -> Files.deleteIfExists(d.resolve("none"))));
        Files.createDirectory(d.resolve("sub"));
        assertEquals(Map.of("Unlink", 2L), rpcs(() -> Files.delete(d.resolve("sub"))));
        assertEquals(data(Map.of("Open", 2L, "Pread", 1L, "Pwrite", 1L, "Close", 1L)),
                rpcs(() -> Files.copy(f, d.resolve("copy"))));
    }

    @Test
    void listingsAndWalks() throws IOException {
        Path tree = root.resolve("tree");
        assertEquals(Map.of("Open", 1L, "Getdents", 1L, "Close", 1L), rpcs(() -> {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(tree, "*")) {
                ds.forEach(p -> { });
            }
        }));
        // the root's attributes, then per directory one OPEN, one GETDENTS and one CLOSE:
        // the entries' attributes come with the listing
        Map<String, Long> walk = Map.of("Stat", 1L, "Open", 2L, "Getdents", 2L, "Close", 2L);
        assertEquals(walk, rpcs(() -> {
            try (Stream<Path> s = Files.walk(tree)) {
                assertEquals(5, s.count());
            }
        }));
        assertEquals(walk, rpcs(() -> {
            try (Stream<Path> s = Files.find(tree, 10, (p, a) -> a.isRegularFile())) {
                assertEquals(3, s.count());
            }
        }));
    }
}
