package io.lisa4j.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's container flow as written: the image with its own configuration (no flags),
 * started {@code --read-only --tmpfs /tmp}, and a sandbox in a second container as uid 10001 (the
 * image's uid) on the shared socket volume, reading and writing the export through the daemon.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SidecarFlowTest {
    private static final String SOCKET = "unix:/run/lisa4j/lisa4j.sock";

    @TempDir
    static Path dir;

    private static DaemonContainer daemon;

    @BeforeAll
    static void startWithTheImagesOwnConfig() throws Exception {
        daemon = DaemonContainer.start(dir);
    }

    @AfterAll
    static void stop() {
        Optional.ofNullable(daemon).ifPresent(DaemonContainer::close);
    }

    @Test
    void theDaemonServesFromAReadOnlyRootWithANoexecTmp() {
        InspectContainerResponse inspected = daemon.container.getContainerInfo();
        assertTrue(inspected.getHostConfig().getReadonlyRootfs(), "the root file system is read-only");
        assertTrue(inspected.getHostConfig().getTmpFs().get("/tmp").contains("noexec"), "/tmp is noexec");
        assertEquals(String.valueOf(DaemonContainer.IMAGE_UID), inspected.getConfig().getUser().split(":")[0]);
        String logs = daemon.container.getLogs();
        assertTrue(logs.contains("event=ready"), logs);
        assertFalse(logs.contains("NativeLibraryLoader"), "Netty loads its library from the image: " + logs);
    }

    @Test
    void aSandboxRunningAsTheImagesUidReadsAndWritesTheExport() throws Exception {
        Files.writeString(daemon.export.resolve("hello.txt"), "hello from the host\n");
        SandboxContainer.Outcome sandbox = SandboxContainer.run(daemon, DaemonContainer.IMAGE_UID,
                SOCKET, "export", "hello.txt", "from-sandbox.txt", "written by the sandbox");
        assertEquals(0, sandbox.exitCode(), sandbox.output());
        assertTrue(sandbox.output().contains("read=hello from the host"), sandbox.output());
        Path written = daemon.export.resolve("from-sandbox.txt");
        assertEquals("written by the sandbox", Files.readString(written));
        assertEquals(DaemonContainer.IMAGE_UID, Files.getAttribute(written, "unix:uid"), "the daemon's uid owns it");
    }

    @Test
    void aSandboxAsAnotherUidCannotReachTheSocket() throws Exception {
        SandboxContainer.Outcome sandbox = SandboxContainer.run(daemon, DaemonContainer.IMAGE_UID + 1,
                SOCKET, "export", "hello.txt", "from-stranger.txt", "must not land");
        assertNotEquals(0, sandbox.exitCode(), sandbox.output());
        assertTrue(sandbox.output().contains("Permission denied"), sandbox.output());
        assertFalse(Files.exists(daemon.export.resolve("from-stranger.txt")));
    }
}
