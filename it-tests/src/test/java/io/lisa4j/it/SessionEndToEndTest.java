package io.lisa4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.RawCalls;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.Session;
import io.lisa4j.it.InProcessServer.Transport;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.ResolveMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK against the real daemon over real sockets; the kernel's own answers are the oracle. */
class SessionEndToEndTest {
    @TempDir
    Path temp;

    private InProcessServer server;
    private Session session;

    private RemoteFs connect(Transport transport) throws Exception {
        server = InProcessServer.start(temp);
        session = server.connect(transport);
        return session.mount(InProcessServer.EXPORT);
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handshakeNegotiatesVersionOneAndLimits(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        assertEquals(1, session.negotiated().version());
        assertEquals(0, session.negotiated().features());
        assertTrue(session.negotiated().maxMessageSize() >= ProtocolConstants.MIN_MAX_MESSAGE);
        assertTrue(session.negotiated().maxMessageSize() <= ProtocolConstants.DEFAULT_MAX_MESSAGE);
        assertTrue(session.negotiated().maxInFlight() > 0);
        assertTrue(session.negotiated().maxComponents() >= 255);
        assertEquals(255, session.negotiated().maxNameLength());
        assertTrue(fs.fsid() != 0);
        assertFalse(fs.readOnly());
        assertTrue(fs.rootAttr().isDirectory());
        session.ping();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void statAndLstatMatchTheKernel(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        Path file = Files.writeString(Files.createDirectories(server.exportDir.resolve("d")).resolve("f"), "hello");
        Files.createSymbolicLink(server.exportDir.resolve("d/link"), Path.of("f"));

        assertMatchesKernel(fs.stat("d/f"), file);
        assertMatchesKernel(fs.stat("d"), server.exportDir.resolve("d"));
        assertMatchesKernel(fs.lstat("d/link"), server.exportDir.resolve("d/link"));
        assertTrue(fs.lstat("d/link").isSymlink());

        assertEquals(ResolveMode.IN_ROOT, fs.resolveMode());
        assertMatchesKernel(fs.stat("d/link"), file);
        RemoteFs sandboxView = fs.withResolveMode(ResolveMode.STOP);
        StoppedException stopped = assertThrows(StoppedException.class, () -> sandboxView.stat("d/link"));
        assertEquals(StoppedException.Reason.SYMLINK, stopped.reason());
        assertEquals(1, stopped.componentIndex());
        assertArrayEquals("f".getBytes(), stopped.target());
        assertThrows(StoppedException.class, () -> fs.stat(RemotePath.of("d/link").withMode(ResolveMode.STOP)));
        assertMatchesKernel(fs.stat(RemotePath.of("d/link").withMode(ResolveMode.IN_ROOT)), file);

        ErrnoException missing = assertThrows(ErrnoException.class, () -> fs.stat("d/nope"));
        assertTrue(missing.is(Errno.ENOENT));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fstatOnAReadOnlyHandleThenClose(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        Path file = Files.write(server.exportDir.resolve("r"), new byte[] {1, 2, 3, (byte) 0xff});
        RemoteFile f = fs.open("r", ProtocolConstants.O_RDONLY);
        assertFalse(f.created());
        assertNull(f.parent());
        assertMatchesKernel(f.attr(), file);
        assertMatchesKernel(f.fstat(), file);

        ReadResult r = f.pread(0, 100);
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, r.data());
        assertTrue(r.eof());
        ErrnoException ro = assertThrows(ErrnoException.class, () -> f.pwrite(0, new byte[] {9}));
        assertTrue(ro.is(Errno.EBADF));

        f.close();
        ErrnoException closed = assertThrows(ErrnoException.class, f::fstat);
        assertTrue(closed.is(Errno.EBADF));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void openedDirectoryServesAsBaseForAtCalls(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        Files.createDirectories(server.exportDir.resolve("base/sub"));
        Path target = Files.writeString(server.exportDir.resolve("base/sub/x"), "x");
        try (RemoteFile dir = fs.open("base", ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY)) {
            assertMatchesKernel(fs.stat(RemotePath.at(dir, "sub/x")), target);
            byte[][] raw = {"sub".getBytes(), "x".getBytes()};
            assertMatchesKernel(fs.stat(RemotePath.at(dir, List.of(raw))), target);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void statfsMatchesTheKernel(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        FsStat s = fs.statfs("");
        var store = Files.getFileStore(server.exportDir);
        assertEquals(store.getTotalSpace(), s.blocks() * s.fragmentSize());
        assertEquals(255, s.nameMax());
        try (RemoteFile root = fs.open("", ProtocolConstants.O_PATH)) {
            assertEquals(s.blocks(), root.fstatfs().blocks());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownOpcodeIsEopnotsupp(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> RawCalls.call(session, 999, fs.fsid(), RequestBodies.ping()));
        assertTrue(e.is(Errno.EOPNOTSUPP), e.getMessage());
        session.ping();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void manyThreadsPipelineOnOneConnection(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        for (int i = 0; i < 8; i++) {
            Files.writeString(server.exportDir.resolve("f" + i), "x".repeat(i));
        }
        long before = session.rpcCounter().total();
        int threads = 8;
        int perThread = 200;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i % 8;
                        assertEquals(n, fs.stat("f" + n).size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // Far more async calls at once than the server's in-flight limit: the client queues them.
        int burst = session.negotiated().maxInFlight() * 3;
        List<CompletableFuture<FileAttr>> futures = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            futures.add(fs.async().stat(RemotePath.of("f" + (i % 8))));
        }
        for (int i = 0; i < burst; i++) {
            assertEquals(i % 8, futures.get(i).join().size());
        }
        assertEquals(threads * perThread + burst, session.rpcCounter().total() - before);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void droppedConnectionFailsEveryCallWithEnotconn(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        List<CompletableFuture<FileAttr>> outstanding = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            outstanding.add(fs.async().stat(RemotePath.root()));
        }
        server.close();
        for (CompletableFuture<FileAttr> f : outstanding) {
            try {
                assertTrue(f.join().isDirectory());
            } catch (CompletionException e) {
                assertTrue(assertInstanceOf(ErrnoException.class, e.getCause()).is(Errno.ENOTCONN));
            }
        }
        ErrnoException later = assertThrows(ErrnoException.class, () -> fs.stat(""));
        assertTrue(later.is(Errno.ENOTCONN));
        assertFalse(session.isOpen());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pwriteLargerThanOneFrameFailsWithoutAnRpc(Transport transport) throws Exception {
        RemoteFs fs = connect(transport);
        try (RemoteFile f = fs.open("big", ProtocolConstants.O_CREAT | ProtocolConstants.O_RDWR, 0644)) {
            long before = session.rpcCounter().total();
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> f.pwrite(0, new byte[session.maxDataPerRpc() + 1]));
            assertTrue(e.is(Errno.EMSGSIZE));
            assertEquals(before, session.rpcCounter().total());
            assertEquals(session.maxDataPerRpc(), f.pwrite(0, new byte[session.maxDataPerRpc()]).written());
        }
    }

    /** The kernel, through the JDK's "unix" attribute view, is the oracle. */
    static void assertMatchesKernel(FileAttr a, Path p) throws Exception {
        Map<String, Object> k = Files.readAttributes(p, "unix:*", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertEquals((int) k.get("mode"), a.mode(), "mode");
        assertEquals((long) k.get("ino"), a.ino(), "ino");
        assertEquals((long) k.get("size"), a.size(), "size");
        assertEquals((int) k.get("nlink"), a.nlink(), "nlink");
        assertEquals((int) k.get("uid"), a.uid(), "uid");
        assertEquals((int) k.get("gid"), a.gid(), "gid");
        assertEquals(k.get("lastModifiedTime"), FileTime.from(a.mtime().toInstant()), "mtime");
        assertEquals(k.get("ctime"), FileTime.from(a.ctime().toInstant()), "ctime");
    }
}
