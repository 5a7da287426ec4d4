package io.lisa4j.conformance;

import io.lisa4j.it.docker.DaemonContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole conformance suite against the daemon's container image over the Unix socket in the
 * shared volume, the three exports being subfolders of the bind-mounted /export. Skipped, with
 * Testcontainers' reason, only where no Docker engine can be reached.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ContainerConformanceTest {
    @Test
    void everyCasePassesAgainstTheContainer(@TempDir Path temp) throws Exception {
        Path export = Files.createDirectories(temp.resolve("export"));
        Path scratch = openToAll(Files.createDirectories(export.resolve(ConformanceServer.SCRATCH)));
        openToAll(Files.createDirectories(export.resolve(ConformanceServer.SECOND)));
        ConformanceServer.roTree(export.resolve(ConformanceServer.RO));
        try (DaemonContainer daemon = DaemonContainer.start(temp,
                "--export", ConformanceServer.SCRATCH + "=/export/" + ConformanceServer.SCRATCH,
                "--export", ConformanceServer.RO + "=/export/" + ConformanceServer.RO + ":ro",
                "--export", ConformanceServer.SECOND + "=/export/" + ConformanceServer.SECOND)) {
            SuiteRuns.assertAllPass(SuiteRuns.target(daemon.unixEndpoint(), scratch));
        }
    }

    private static Path openToAll(Path dir) throws java.io.IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }
}
