package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Attr;
import io.lisa4j.protocol.fb.CloseReply;
import io.lisa4j.protocol.fb.Dirent;
import io.lisa4j.protocol.fb.FstatReply;
import io.lisa4j.protocol.fb.GetdentsReply;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.PreadReply;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.protocol.fb.StatFsReply;
import io.lisa4j.protocol.fb.StatReply;
import io.lisa4j.protocol.fb.StoppedReply;
import io.lisa4j.protocol.fb.StopReason;
import io.lisa4j.server.TestServer.Transport;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests against a real temporary directory through the host backend, with the kernel's own
 * answers (java.nio's unix:* attributes) as the oracle.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndToEndTest {
    @TempDir
    static Path dir;

    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        HostExports.requireHostBackend();
        root = HostExports.populate(Files.createDirectories(dir.resolve("export")));
        Files.createDirectories(dir.resolve("ro"));
        server = TestServer.start(dir, List.of(ExportSpec.host("t", root.toString(), false),
                ExportSpec.host("ro", dir.resolve("ro").toString(), true)), Limits.DEFAULT.withMaxHandles(8));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void mountReportsTheRootAndFreshFsids(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            RawReply reply = client.call(Opcode.Mount, 0, Bodies.mount("t"));
            assertEquals(0, reply.status());
            MountReply mount = MountReply.getRootAsMountReply(reply.bodyBuffer());
            assertNotEquals(0, mount.fsid());
            assertFalse(mount.readOnly());
            assertMatchesKernel(root, mount.root());
            assertNotEquals(mount.fsid(), client.mount("t"), "each MOUNT gets its own fsid");
            RawReply ro = client.call(Opcode.Mount, 0, Bodies.mount("ro"));
            assertTrue(MountReply.getRootAsMountReply(ro.bodyBuffer()).readOnly());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void statMatchesTheKernel(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            for (String path : List.of("file.txt", "sub", "sub/inner.txt", "sub/../file.txt")) {
                RawReply reply = client.call(Opcode.Stat, fsid, Bodies.stat(0, path, false));
                assertEquals(0, reply.status(), path);
                assertMatchesKernel(root.resolve(path), StatReply.getRootAsStatReply(reply.bodyBuffer()).attr());
            }
            RawReply missing = client.call(Opcode.Stat, fsid, Bodies.stat(0, "nope", false));
            assertEquals(Errno.ENOENT.number(), missing.status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void symlinkInStopModeStops(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            RawReply reply = client.call(Opcode.Stat, fsid, Bodies.stat(0, "link", false));
            assertEquals(ProtocolConstants.STATUS_STOPPED, reply.status());
            StoppedReply stopped = StoppedReply.getRootAsStoppedReply(reply.bodyBuffer());
            assertEquals(StopReason.Symlink, stopped.reason());
            assertEquals(0, stopped.componentIndex());
            byte[] target = new byte[stopped.targetLength()];
            stopped.targetAsByteBuffer().get(target);
            assertEquals("file.txt", new String(target, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badComponentsAreRefusedBeforeTheBackend(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            assertEquals(Errno.EINVAL.number(),
                    client.call(Opcode.Stat, fsid, Bodies.stat(List.of("a\0b".getBytes()))).status());
            assertEquals(Errno.EINVAL.number(), client.call(Opcode.Stat, fsid, Bodies.stat(List.of(new byte[0]))).status());
            assertEquals(Errno.ENAMETOOLONG.number(),
                    client.call(Opcode.Stat, fsid, Bodies.stat(List.of(new byte[256]))).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void statfsMatchesTheFileStore(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            RawReply reply = client.call(Opcode.StatFs, fsid, Bodies.statFs("sub"));
            assertEquals(0, reply.status());
            var info = StatFsReply.getRootAsStatFsReply(reply.bodyBuffer()).info();
            FileStore store = Files.getFileStore(root);
            assertEquals(store.getTotalSpace(), info.blocks() * info.frsize());
            assertEquals(store.getBlockSize(), info.bsize());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void openFstatCloseAndUseAfterClose(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            long handle = open(client, fsid, "file.txt", ProtocolConstants.O_RDONLY);
            assertTrue(handle >= 1);
            RawReply fstat = client.call(Opcode.Fstat, fsid, Bodies.handle(handle));
            assertEquals(0, fstat.status());
            assertMatchesKernel(root.resolve("file.txt"), FstatReply.getRootAsFstatReply(fstat.bodyBuffer()).attr());

            assertEquals(List.of(0, Errno.EBADF.number()), close(client, fsid, handle, 999));
            assertEquals(Errno.EBADF.number(), client.call(Opcode.Fstat, fsid, Bodies.handle(handle)).status());
            assertEquals(List.of(Errno.EBADF.number()), close(client, fsid, handle));

            long next = open(client, fsid, "file.txt", ProtocolConstants.O_RDONLY);
            assertTrue(Long.compareUnsigned(next, handle) > 0, "handle ids are never reused");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handleOfAnotherFsidIsBad(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int a = client.mount("t");
            int b = client.mount("t");
            long handle = open(client, a, "sub", ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY);
            assertEquals(Errno.EBADF.number(), client.call(Opcode.Fstat, b, Bodies.handle(handle)).status());
            assertEquals(Errno.EBADF.number(), client.call(Opcode.Stat, b, Bodies.stat(handle, "inner.txt", false)).status());
            assertEquals(0, client.call(Opcode.Stat, a, Bodies.stat(handle, "inner.txt", false)).status());

            assertEquals(0, client.call(Opcode.Umount, a, null).status());
            assertEquals(Errno.ENODEV.number(), client.call(Opcode.Fstat, a, Bodies.handle(handle)).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void preadAndPwriteMoveTheBytes(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            String name = "rw-" + transport + ".bin";
            long handle = open(client, fsid, name, ProtocolConstants.O_RDWR | ProtocolConstants.O_CREAT);
            byte[] payload = new byte[200_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31);
            }
            RawReply written = client.call(Opcode.Pwrite, fsid, Bodies.pwrite(handle, 10), payload);
            assertEquals(0, written.status());
            PwriteReply w = PwriteReply.getRootAsPwriteReply(written.bodyBuffer());
            assertEquals(payload.length, w.written());
            assertEquals(10 + payload.length, w.attr().size());
            byte[] onDisk = Files.readAllBytes(root.resolve(name));
            assertArrayEquals(payload, java.util.Arrays.copyOfRange(onDisk, 10, onDisk.length));

            RawReply read = client.call(Opcode.Pread, fsid, Bodies.pread(handle, 10, 1 << 20));
            assertEquals(0, read.status());
            assertArrayEquals(payload, read.data());
            assertTrue(PreadReply.getRootAsPreadReply(read.bodyBuffer()).eof());
            close(client, fsid, handle);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getdentsListsTheDirectory(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            long handle = open(client, fsid, "sub", ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY);
            Set<String> names = new HashSet<>();
            long cookie = 0;
            boolean eof = false;
            while (!eof) {
                RawReply reply = client.call(Opcode.Getdents, fsid, Bodies.getdents(handle, cookie, 1, true));
                assertEquals(0, reply.status());
                GetdentsReply batch = GetdentsReply.getRootAsGetdentsReply(reply.bodyBuffer());
                for (int i = 0; i < batch.entriesLength(); i++) {
                    Dirent e = batch.entries(i);
                    byte[] name = new byte[e.nameLength()];
                    e.nameAsByteBuffer().get(name);
                    names.add(new String(name, StandardCharsets.UTF_8));
                    cookie = e.cookie();
                }
                eof = batch.eof() || batch.entriesLength() == 0;
            }
            assertTrue(names.contains("inner.txt"), names.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handleLimitIsTooManyOpenFilesAndCreatesNothing(Transport transport) throws Exception {
        try (RawClient client = server.connect(transport)) {
            client.hello();
            int fsid = client.mount("t");
            for (int i = 0; i < 8; i++) {
                open(client, fsid, "file.txt", ProtocolConstants.O_RDONLY);
            }
            String name = "never-" + transport;
            RawReply reply = client.call(Opcode.Open, fsid,
                    Bodies.open(0, name, ProtocolConstants.O_RDWR | ProtocolConstants.O_CREAT, 0644));
            assertEquals(Errno.EMFILE.number(), reply.status());
            assertFalse(Files.exists(root.resolve(name)));
        }
    }

    static long open(RawClient client, int fsid, String path, int flags) throws Exception {
        RawReply reply = client.call(Opcode.Open, fsid, Bodies.open(0, path, flags, 0644));
        assertEquals(0, reply.status(), "OPEN " + path);
        return OpenReply.getRootAsOpenReply(reply.bodyBuffer()).handle();
    }

    static List<Integer> close(RawClient client, int fsid, long... handles) throws Exception {
        RawReply reply = client.call(Opcode.Close, fsid, Bodies.close(handles));
        assertEquals(0, reply.status());
        CloseReply results = CloseReply.getRootAsCloseReply(reply.bodyBuffer());
        Integer[] out = new Integer[results.resultsLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = results.results(i);
        }
        return List.of(out);
    }

    static void assertMatchesKernel(Path path, Attr attr) throws Exception {
        Map<String, Object> k = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(((Number) k.get("ino")).longValue(), attr.ino(), "ino of " + path);
        assertEquals(((Number) k.get("mode")).longValue(), attr.mode(), "mode of " + path);
        assertEquals(((Number) k.get("nlink")).longValue(), attr.nlink(), "nlink of " + path);
        assertEquals(((Number) k.get("uid")).longValue(), attr.uid(), "uid of " + path);
        assertEquals(((Number) k.get("gid")).longValue(), attr.gid(), "gid of " + path);
        assertEquals(((Number) k.get("size")).longValue(), attr.size(), "size of " + path);
        FileTime mtime = (FileTime) k.get("lastModifiedTime");
        assertEquals(mtime.toInstant().getEpochSecond(), attr.mtime().sec(), "mtime of " + path);
        assertEquals(mtime.toInstant().getNano(), attr.mtime().nsec(), "mtime nanos of " + path);
    }

}
