package io.lisa4j.conformance.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files outside every export that escape cases aim at: a secret file and a directory. After each
 * such case the canary must be untouched: same entries, same content, same mtime.
 */
public final class Canary implements AutoCloseable {
    public static final String SECRET = "canary: this file lies outside the export";

    private final Path dir;
    private final Path file;
    private final FileTime fileMtime;
    private final FileTime dirMtime;

    private Canary(Path dir) throws IOException {
        this.dir = dir;
        this.file = Files.writeString(dir.resolve("secret"), SECRET);
        Files.createDirectory(dir.resolve("inner"));
        this.fileMtime = Files.getLastModifiedTime(file);
        this.dirMtime = Files.getLastModifiedTime(dir);
    }

    public static Canary create() throws IOException {
        return new Canary(Files.createTempDirectory("lisa4j-canary-").toRealPath());
    }

    /** The canary directory, an absolute host path. */
    public Path dir() {
        return dir;
    }

    /** The secret file, an absolute host path. */
    public Path file() {
        return file;
    }

    /** Fails the case if anything about the canary changed. */
    public void verifyUntouched() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            Check.eq("entries of the canary directory outside the export", List.of("inner", "secret"), names);
        }
        Check.eq("canary content", SECRET, Files.readString(file, StandardCharsets.UTF_8));
        Check.eq("canary mtime", fileMtime, Files.getLastModifiedTime(file));
        Check.eq("canary directory mtime", dirMtime, Files.getLastModifiedTime(dir));
        try (Stream<Path> s = Files.list(dir.resolve("inner"))) {
            Check.eq("entries of the canary's inner directory", 0L, s.count());
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
