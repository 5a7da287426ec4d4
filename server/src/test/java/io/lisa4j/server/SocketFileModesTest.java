package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.security.SecurityConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The modes of a Unix listener's socket file and of the directories the daemon creates for it, as
 * stat(2) reports them, whatever the process umask: 0 is the daemon's own while it serves (clients'
 * creation modes apply as given), 0277 one that would strip the owner's bits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketFileModesTest {
    @TempDir
    Path dir;

    private int savedUmask;

    @BeforeEach
    void saveUmask() {
        savedUmask = Sys.umask(0);
    }

    @AfterEach
    void restoreUmask() {
        Sys.umask(savedUmask);
    }

    private static LisaServer start(Path socket, int socketMode) throws Exception {
        return LisaServer.start(ServerConfig.of(List.of(new ListenAddress.Unix(socket)), List.of())
                .withIoThreads(1).withSecurity(SecurityConfig.defaults().withSocketMode(socketMode)));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0277})
    void missingDirectoriesAreCreatedOwnerOnly(int umask) throws Exception {
        Sys.umask(umask);
        Path socket = dir.resolve("run/lisa4j/x.sock");
        try (LisaServer server = start(socket, 0600)) {
            assertEquals("rwx------", mode(dir.resolve("run")));
            assertEquals("rwx------", mode(dir.resolve("run/lisa4j")));
            assertEquals("rw-------", mode(socket));
            assertTrue(Files.readAttributes(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode")
                    instanceof Integer m && (m & 0170000) == 0140000, "a socket");
            try (Stream<Path> files = Files.list(socket.getParent())) {
                assertEquals(List.of(socket), files.toList(), "nothing but the socket is left beside it");
            }
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSocketModeForTheGroupLetsTheGroupSearchTheNewDirectories() throws Exception {
        Path socket = dir.resolve("shared/x.sock");
        try (LisaServer server = start(socket, 0660)) {
            assertEquals("rwx--x---", mode(dir.resolve("shared")));
            assertEquals("rw-rw----", mode(socket));
        }
    }

    @Test
    void existingDirectoriesKeepTheirMode() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LisaServer server = start(existing.resolve("x.sock"), 0600)) {
            assertEquals("rwxr-xr-x", mode(existing));
        }
    }

    /**
     * Watches the socket's path while servers start and stop on it: whatever appears there has the
     * configured mode from its first moment. (Bound in place and chmod'ed after, as before, it showed
     * 0777 under the daemon's umask of 0 for a moment.)
     */
    @Test
    void theSocketPathNeverShowsAWiderMode() throws Exception {
        Path socket = dir.resolve("watched.sock");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    seen.add(mode(socket));
                } catch (NoSuchFileException absent) {
                    // Between servers.
                } catch (Exception e) {
                    seen.add(e.toString());
                }
            }
        });
        try {
            for (int i = 0; i < 40; i++) {
                start(socket, 0600).close();
            }
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertEquals(Set.of("rw-------"), seen);
    }

    @Test
    void aDirectoryPathTooLongForThePrivateBindIsNamed() throws Exception {
        Path deep = dir.resolve("d".repeat(94 - dir.toString().length() - 1));
        assertEquals(94, deep.toString().length());
        IOException e = assertThrows(IOException.class,
                () -> start(deep.resolve("x.sock"), 0600));
        assertEquals("the directory of socket " + deep.resolve("x.sock") + " has a path of 94 bytes; the socket is "
                + "bound in a private directory within it, which allows at most 93", e.getMessage());
        Path longest = dir.resolve("d".repeat(93 - dir.toString().length() - 1));
        try (LisaServer server = start(longest.resolve("x.sock"), 0600)) {
            assertEquals("rw-------", mode(longest.resolve("x.sock")));
        }
    }
}
