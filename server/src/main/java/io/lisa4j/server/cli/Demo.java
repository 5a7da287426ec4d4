package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** The zero-configuration mode: a small export to try the server with. */
final class Demo {
    static final String EXPORT_NAME = "demo";

    private Demo() {}

    /** {@code $XDG_RUNTIME_DIR/lisa4j-demo}, which only this user can enter, else {@code /tmp/lisa4j-demo}. */
    static Path home() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
                && Files.isWritable(Path.of(runtime))) {
            return Path.of(runtime, "lisa4j-demo");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "lisa4j-demo");
    }

    static Path defaultSocket() {
        return home().resolve("lisa4j.sock");
    }

    static ServerConfig prepare() throws IOException {
        Path home = home();
        if (!Files.isDirectory(home)) {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        }
        Path export = home.resolve("export");
        if (!Files.isDirectory(export)) {
            Files.createDirectories(export.resolve("docs"));
            write(export.resolve("hello.txt"), "Hello from lisa4j!\n");
            write(export.resolve("README"), "This directory is served by the lisa4j demo server as export 'demo'.\n");
            write(export.resolve("docs").resolve("notes.txt"), "Files in subdirectories are reachable too.\n");
        }
        return ServerConfig.of(List.of(new ListenAddress.Unix(defaultSocket())),
                List.of(ExportSpec.host(EXPORT_NAME, export.toString(), false)));
    }

    static void printHowToConnect(LisaServer server) {
        Path export = home().resolve("export");
        System.out.println("lisa4j demo server is running.");
        System.out.println("  export:  " + EXPORT_NAME + " -> " + export + " (read-write)");
        for (ListenAddress address : server.boundAddresses()) {
            System.out.println("  listen:  " + address);
        }
        System.out.println("Connect a client to socket " + defaultSocket() + " and MOUNT export '" + EXPORT_NAME + "'.");
        System.out.println("Serve your own directories with: lisa4j serve --export NAME=/dir[:ro] --listen unix:/path");
        System.out.println("Stop with Ctrl-C.");
        System.out.flush();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
