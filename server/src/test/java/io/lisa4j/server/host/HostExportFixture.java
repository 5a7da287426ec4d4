package io.lisa4j.server.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.spi.Lookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export of a fresh temporary directory, next to an "outside" directory with canaries that
 * no operation may touch or reveal. The kernel, through java.nio.file, is the oracle.
 */
abstract class HostExportFixture {
    @TempDir
    Path temp;

    Path root;
    Path outside;
    ExportBackend export;

    @BeforeEach
    void openExport() throws IOException {
        root = Files.createDirectory(temp.resolve("export"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("canary"), "outside");
        export = new HostBackendProvider().open(spec(false));
    }

    ExportSpec spec(boolean readOnly) {
        return new ExportSpec("test", "host", root.toString(), readOnly, Map.of());
    }

    @AfterEach
    void closeExport() throws IOException {
        export.close();
        assertEquals("outside", Files.readString(outside.resolve("canary")), "canary changed");
        try (var listing = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("canary")), listing.toList(), "something appeared outside");
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static List<byte[]> components(String path) {
        List<byte[]> parts = new ArrayList<>();
        if (!path.isEmpty()) {
            for (String part : path.split("/", -1)) {
                parts.add(bytes(part));
            }
        }
        return parts;
    }

    static Lookup stop(String path) {
        return Lookup.root(components(path), ResolveMode.STOP);
    }

    static Lookup inRoot(String path) {
        return Lookup.root(components(path), ResolveMode.IN_ROOT);
    }

    static Lookup at(BackendFile base, String path, ResolveMode mode) {
        return new Lookup(base, components(path), mode);
    }

    static void assertErrno(Errno expected, ThrowingCall call) {
        ErrnoException e = assertThrows(ErrnoException.class, call::run);
        assertEquals(expected, e.errnoEnum(), () -> "errno: " + e.getMessage());
    }

    static StoppedException assertStopped(StoppedException.Reason reason, int index, ThrowingCall call) {
        StoppedException e = assertThrows(StoppedException.class, call::run);
        assertEquals(reason, e.reason());
        assertEquals(index, e.componentIndex());
        return e;
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    /** Asserts that {@code attr} is what the kernel reports for {@code path} (lstat). */
    static void assertMatchesKernel(Path path, FileAttr attr) throws IOException {
        Map<String, Object> k = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(((Number) k.get("ino")).longValue(), attr.ino(), "ino");
        assertEquals(((Number) k.get("mode")).intValue(), attr.mode(), "mode");
        assertEquals(((Number) k.get("nlink")).longValue(), attr.nlink(), "nlink");
        assertEquals(((Number) k.get("uid")).intValue(), attr.uid(), "uid");
        assertEquals(((Number) k.get("gid")).intValue(), attr.gid(), "gid");
        assertEquals(((Number) k.get("size")).longValue(), attr.size(), "size");
        assertEquals(((FileTime) k.get("lastModifiedTime")).toInstant(), attr.mtime().toInstant(), "mtime");
        assertEquals(((FileTime) k.get("lastAccessTime")).toInstant(), attr.atime().toInstant(), "atime");
        assertEquals(((FileTime) k.get("ctime")).toInstant(), attr.ctime().toInstant(), "ctime");
        long rdev = ((Number) k.get("rdev")).longValue();
        assertEquals(rdev, (long) attr.rdevMajor() << 8 | attr.rdevMinor(), "rdev");
    }

    static Instant instant(long seconds, int nanos) {
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
