package io.lisa4j.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

public class WalkExport {
    public static void main(String[] args) throws IOException {
        String socket = args.length > 0 ? args[0] : "/tmp/lisa4j-demo/lisa4j.sock"; // the path ./lisa4j printed
        URI uri = URI.create("lisa4j+unix://" + socket + "?export=demo");
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            Path notes = Files.createDirectories(fs.getPath("/notes"));   // MKDIR, unless it exists
            Files.writeString(notes.resolve("hello.txt"), "hi");            // OPEN + CLOSE: the write is local
            try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
                s.sorted().forEach(System.out::println);
            }
        }
    }
}
