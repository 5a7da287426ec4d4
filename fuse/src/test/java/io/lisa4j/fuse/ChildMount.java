package io.lisa4j.fuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MountedExport} served by a child JVM, so that a test outlives a crash of the JVM that
 * serves the mount and can tell it happened. The child prints "mounted" once the mount is up and
 * unmounts when its stdin closes.
 */
final class ChildMount implements AutoCloseable {
    final Path exported;
    final Path mountpoint;
    private final Process process;

    private ChildMount(Path exported, Path mountpoint, Process process) {
        this.exported = exported;
        this.mountpoint = mountpoint;
        this.process = process;
    }

    /**
     * Mounts {@code tempDir}'s export in a child JVM, adding {@code extraOptions} to the -o options
     * ("hard_remove" sets that field of libfuse's fuse_config instead).
     */
    static ChildMount start(Path tempDir, String... extraOptions) throws IOException {
        MountedExport.assumeFuse();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ChildMount.class.getName(), tempDir.toString()));
        command.addAll(Arrays.asList(extraOptions));
        Process p = new ProcessBuilder(command).directory(tempDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("mounted")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(System.out::println));
                return new ChildMount(tempDir.resolve("export"), tempDir.resolve("mnt"), p);
            }
            seen.append(line).append('\n');
        }
        p.destroyForcibly();
        throw new IOException("child mount ended before mounting:\n" + seen);
    }

    /** Whether the JVM serving the mount is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** Asks the child to unmount and waits for it; returns its exit status (134 and the like after a crash). */
    int stop() throws IOException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it died already
        }
        try {
            if (!process.waitFor(Shell.SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        if (Files.isDirectory(mountpoint)) {
            Shell.run(mountpoint.getParent(), "fusermount3", "-uz", mountpoint.toString());
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> extra = new ArrayList<>(List.of(args).subList(1, args.length));
        FuseConfigs.hardRemove = extra.remove("hard_remove");
        MountOptions options = new MountOptions(0, 0, false, Duration.ofSeconds(30), false, extra, true);
        try (MountedExport m = MountedExport.start(Path.of(args[0]), options)) {
            System.out.println("mounted");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
