package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real program (coreutils, tar, git) in a directory, bounded by a generous safety timeout. */
final class Shell {
    static final long SAFETY_TIMEOUT_SECONDS = 120;

    record Result(int exit, String output) {}

    private Shell() {}

    static Result run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " still running after " + SAFETY_TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs and asserts exit status 0, returning the output. */
    static String ok(Path dir, String... command) throws IOException {
        Result r = run(dir, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed:\n" + r.output());
        return r.output();
    }
}
