package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Reason;
import io.lisa4j.server.security.ProcessIds;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** The zero-configuration mode: a small export to try the server with. */
final class Demo {
    static final String EXPORT_NAME = "demo";

    private Demo() {}

    /**
     * {@code $XDG_RUNTIME_DIR/lisa4j-demo}, which only this user can enter; else {@code
     * /tmp/lisa4j-demo} when it is free or this user's, else {@code /tmp/lisa4j-demo-UID} (another
     * user ran the demo first: theirs is neither reachable nor to be trusted).
     */
    static Path home() {
        return home(System.getenv("XDG_RUNTIME_DIR"), Path.of(System.getProperty("java.io.tmpdir")),
                ProcessIds.uid());
    }

    static Path home(String runtime, Path tmp, int uid) {
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
                && Files.isWritable(Path.of(runtime))) {
            return Path.of(runtime, "lisa4j-demo");
        }
        Path shared = tmp.resolve("lisa4j-demo");
        return !Files.exists(shared, LinkOption.NOFOLLOW_LINKS) || owner(shared) == uid ? shared
                : tmp.resolve("lisa4j-demo-" + uid);
    }

    static Path defaultSocket() {
        return home().resolve("lisa4j.sock");
    }

    static ServerConfig prepare() throws IOException {
        Path home = home();
        Path export = home.resolve("export");
        try {
            if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(home);
            }
            int uid = ProcessIds.uid();
            if (owner(home) != uid) {
                throw new IOException("the demo directory " + home + " belongs to uid " + owner(home)
                        + ", not to this user (uid " + uid + "); set XDG_RUNTIME_DIR to a directory of yours");
            }
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            if (!Files.isDirectory(export)) {
                Files.createDirectories(export.resolve("docs"));
                write(export.resolve("hello.txt"), "Hello from lisa4j!\n");
                write(export.resolve("README"),
                        "This directory is served by the lisa4j demo server as export 'demo'.\n");
                write(export.resolve("docs").resolve("notes.txt"), "Files in subdirectories are reachable too.\n");
            }
        } catch (FileSystemException e) {
            throw new IOException("cannot prepare the demo directory " + e.getFile() + ": " + Reason.of(e), e);
        }
        return ServerConfig.of(List.of(new ListenAddress.Unix(defaultSocket())),
                List.of(ExportSpec.host(EXPORT_NAME, export.toString(), false)));
    }

    private static int owner(Path p) throws UncheckedIOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p + ": " + Reason.of(e), e);
        }
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
