package io.lisa4j.fuse;

import io.lisa4j.client.ReconnectPolicy;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes away under a mounted export: callers get an error (ENOTCONN from the dropped
 * connection, or EIO) instead of a hung mount, and the mount still unmounts cleanly. The programs'
 * timeout is a safety net, not a timing assertion.
 */
class LostServerTest {
    @TempDir
    Path tmp;

    MountedExport m;

    @AfterEach
    void unmount() throws IOException {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void statAndReadFailInsteadOfHanging() throws IOException {
        // Two attempts to reconnect, so that each call gives up soon instead of waiting for the server.
        m = MountedExport.start(tmp, MountOptions.DEFAULTS.withReconnect(
                ReconnectPolicy.DEFAULTS.withMaxAttempts(2)));
        Files.writeString(m.mountpoint.resolve("f"), "data");
        Shell.ok(m.mountpoint, "cat", "f");
        m.server.close();

        Shell.Result stat = Shell.run(tmp, "stat", m.mountpoint.resolve("f").toString());
        assertNotEquals(0, stat.exit(), stat.output());
        assertTrue(isConnectionError(stat.output()), stat.output());

        Shell.Result cat = Shell.run(tmp, "cat", m.mountpoint.resolve("f").toString());
        assertNotEquals(0, cat.exit(), cat.output());
        assertTrue(isConnectionError(cat.output()), cat.output());

        Shell.Result ls = Shell.run(tmp, "ls", m.mountpoint.toString());
        assertNotEquals(0, ls.exit(), ls.output());
    }

    private static boolean isConnectionError(String message) {
        return message.contains("Transport endpoint is not connected") || message.contains("Input/output error");
    }
}
