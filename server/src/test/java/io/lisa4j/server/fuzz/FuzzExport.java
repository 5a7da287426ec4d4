package io.lisa4j.server.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small export with traps (a symlink to '/', one to a sibling outside the export) next to an
 * outside directory holding a canary; reset before each input so inputs stay independent.
 */
final class FuzzExport {
    static final String CANARY_TEXT = "canary: must never change\n";

    final Path root;
    final Path export;
    final Path outside;

    FuzzExport() throws IOException {
        root = Files.createTempDirectory("lisa4j-fuzz");
        export = Files.createDirectories(root.resolve("export"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("canary"), CANARY_TEXT);
        reset();
    }

    void reset() throws IOException {
        clear(export);
        Files.createDirectories(export.resolve("a/b"));
        Files.writeString(export.resolve("a/b/file"), "inside");
        Files.createSymbolicLink(export.resolve("slash"), Path.of("/"));
        Files.createSymbolicLink(export.resolve("a/up"), Path.of("../../outside"));
    }

    /** Nothing outside the export was created, removed or written. */
    void assertCanaryIntact() throws IOException {
        try (Stream<Path> list = Files.list(outside)) {
            List<Path> entries = list.toList();
            if (entries.size() != 1 || !Files.readString(outside.resolve("canary"), StandardCharsets.UTF_8)
                    .equals(CANARY_TEXT)) {
                throw new AssertionError("outside the export changed: " + entries);
            }
        }
        try (Stream<Path> list = Files.list(root)) {
            if (list.count() != 2) {
                throw new AssertionError("something was created next to the export");
            }
        }
    }

    private static void clear(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                d.toFile().setReadable(true, false);
                d.toFile().setWritable(true, false);
                d.toFile().setExecutable(true, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
