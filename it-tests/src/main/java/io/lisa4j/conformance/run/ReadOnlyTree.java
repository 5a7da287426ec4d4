package io.lisa4j.conformance.run;

import io.lisa4j.client.RemotePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the read-only cases find their tree in the read-only export: "file" (holding
 * {@value #CONTENT}), "dir" and "link" -> file, in the directory {@code base} (export-relative; empty
 * for the export root).
 */
public record ReadOnlyTree(String base) {
    public static final String CONTENT = "read-only";

    /** {@code rel} inside the tree, as an export-relative path. */
    public String p(String rel) {
        return base.isEmpty() ? rel : base + "/" + rel;
    }

    /** The tree's directory. */
    public RemotePath dir() {
        return base.isEmpty() ? RemotePath.root() : RemotePath.of(base);
    }

    /** Writes the tree into {@code dir} on this machine, for a directory to be served read-only. */
    public static Path writeOnHost(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dir"));
        Files.writeString(dir.resolve("file"), CONTENT);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        return dir;
    }
}
