package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.DirBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HostGetdentsTest extends HostExportFixture {

    static List<DirEntry> listAll(BackendFile dir, int batch, boolean withAttrs) throws Exception {
        List<DirEntry> all = new ArrayList<>();
        long cookie = 0;
        while (true) {
            DirBatch b = dir.getdents(cookie, batch, withAttrs);
            all.addAll(b.entries());
            if (b.eof()) {
                return all;
            }
            assertFalse(b.entries().isEmpty(), "a batch that is not the last has entries");
            cookie = b.entries().getLast().cookie();
        }
    }

    @Test
    void resumesWithCookiesOverAThousandEntries() throws Exception {
        Path d = Files.createDirectory(root.resolve("big"));
        Set<String> expected = new HashSet<>(Set.of(".", ".."));
        for (int i = 0; i < 1000; i++) {
            Files.createFile(d.resolve("entry-" + i));
            expected.add("entry-" + i);
        }
        try (BackendFile dir = export.open(stop("big"), O_RDONLY | O_DIRECTORY, 0).file()) {
            List<DirEntry> entries = listAll(dir, 37, false);
            assertEquals(1002, entries.size(), "no duplicates, nothing missed");
            assertEquals(expected, new HashSet<>(entries.stream().map(DirEntry::nameAsString).toList()));
            for (DirEntry e : entries) {
                if (e.nameAsString().startsWith("entry-")) {
                    assertEquals(ProtocolConstants.DT_REG, e.type());
                    assertEquals(Files.getAttribute(d.resolve(e.nameAsString()), "unix:ino"), e.ino());
                }
            }
            // Any cookie resumes right after its entry, also out of order.
            DirEntry middle = entries.get(500);
            assertEquals(entries.get(501), dir.getdents(middle.cookie(), 1, false).entries().getFirst());
            assertEquals(entries.subList(0, 3), dir.getdents(0, 3, false).entries());
        }
    }

    @Test
    void attributesAreThoseOfTheEntriesThemselves() throws Exception {
        Path d = Files.createDirectory(root.resolve("d"));
        Files.writeString(d.resolve("f"), "abc");
        Files.createSymbolicLink(d.resolve("l"), outside.resolve("canary"));
        Files.createDirectory(d.resolve("sub"));
        try (BackendFile dir = export.open(stop("d"), O_RDONLY, 0).file()) {
            DirBatch b = dir.getdents(0, 100, true);
            assertTrue(b.eof());
            for (DirEntry e : b.entries()) {
                assertMatchesKernel(d.resolve(e.nameAsString()), e.attr());
            }
            assertEquals(5, b.entries().size());
        }
    }

    @Test
    void theRootsDotDotIsTheRootItself() throws Exception {
        try (BackendFile dir = export.open(stop(""), O_RDONLY, 0).file()) {
            for (DirEntry e : dir.getdents(0, 100, true).entries()) {
                if (e.nameAsString().equals("..")) {
                    assertMatchesKernel(root, e.attr());
                    assertEquals(Files.getAttribute(root, "unix:ino"), e.ino());
                }
            }
        }
    }

    @Test
    void concurrentListingsOfOneHandleDoNotInterfere() throws Exception {
        Path d = Files.createDirectory(root.resolve("c"));
        for (int i = 0; i < 300; i++) {
            Files.createFile(d.resolve("n" + i));
        }
        try (BackendFile dir = export.open(stop("c"), O_RDONLY, 0).file();
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<DirEntry>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int batch = 7 + i * 13;
                results.add(pool.submit(() -> listAll(dir, batch, false)));
            }
            for (Future<List<DirEntry>> r : results) {
                assertEquals(302, r.get().size());
            }
        }
    }
}
