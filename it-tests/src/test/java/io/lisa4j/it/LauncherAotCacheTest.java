package io.lisa4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lisa4j serve} and its JDK AOT cache: made once, then used; and whatever is wrong with
 * it (corrupt, nowhere to write it, turned off) the daemon still starts and answers, and says
 * nothing about it. Behaviour only: no timings.
 */
class LauncherAotCacheTest {
    private static final Path TOP = Path.of(System.getProperty("lisa4j.top", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theCacheIsMadeOnceThenUsedAndACorruptOneIsIgnored() throws Exception {
        Path cacheDir = dir.resolve("aot");
        String first = serveAndPing(Map.of("LISA4J_AOT_DIR", cacheDir.toString()));
        assertTrue(first.contains("creating the JDK AOT cache"), first);
        Path cache = onlyCache(cacheDir);
        assertTrue(Files.size(cache) > 0);
        assertFalse(Files.getPosixFilePermissions(cache).contains(PosixFilePermission.OTHERS_WRITE));
        FileTime made = Files.getLastModifiedTime(cache);

        String second = serveAndPing(Map.of("LISA4J_AOT_DIR", cacheDir.toString()));
        assertFalse(second.contains("AOT"), second);
        assertEquals(made, Files.getLastModifiedTime(onlyCache(cacheDir)), "the cache is not made again");

        Files.write(cache, "not an AOT cache".getBytes(StandardCharsets.US_ASCII));
        String corrupt = serveAndPing(Map.of("LISA4J_AOT_DIR", cacheDir.toString()));
        assertFalse(corrupt.contains("[aot]") || corrupt.contains("AOT"), corrupt);
    }

    @Test
    void withNowhereToWriteTheCacheTheDaemonStartsWithout() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        String out = serveAndPing(Map.of("LISA4J_AOT_DIR", file.resolve("aot").toString()));
        assertFalse(out.contains("AOT") || out.contains("[aot]"), out);
    }

    @Test
    void turnedOffNoCacheIsMade() throws Exception {
        Path cacheDir = dir.resolve("aot");
        String out = serveAndPing(Map.of("LISA4J_AOT", "off", "LISA4J_AOT_DIR", cacheDir.toString()));
        assertFalse(out.contains("AOT"), out);
        assertFalse(Files.exists(cacheDir));
    }

    /** Runs {@code ./lisa4j serve} with {@code env}, PINGs it, stops it; returns what it printed. */
    private String serveAndPing(Map<String, String> env) throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path socket = dir.resolve("lisa4j.sock");
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(TOP.resolve("lisa4j").toString(), "serve", "--export",
                "data=" + export, "--listen", "unix:" + socket).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process daemon = builder.start();
        try {
            // A hang guard, not a timing assertion: the first start also trains the cache.
            for (int i = 0; i < 1200 && !Files.exists(socket); i++) {
                assertTrue(daemon.isAlive(), () -> "the daemon exited before listening:\n" + read(log));
                Thread.sleep(100);
            }
            try (Session session = Lisa4jClient.connect("unix:" + socket)) {
                session.ping();
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        return read(log);
    }

    private static Path onlyCache(Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            List<Path> caches = files.filter(p -> p.getFileName().toString().endsWith(".aot")).toList();
            assertEquals(1, caches.size(), caches::toString);
            return caches.getFirst();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
