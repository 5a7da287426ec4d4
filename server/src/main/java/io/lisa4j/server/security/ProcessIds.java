package io.lisa4j.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server process's own user, as the kernel reports it for /proc/self. */
final class ProcessIds {
    private ProcessIds() {}

    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot determine the server's uid", e);
        }
    }
}
