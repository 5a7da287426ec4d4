package io.lisa4j.conformance.diff;

import static io.lisa4j.conformance.diff.KernelScenarioRunner.access;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.directoryWithFile;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.kernelSaid;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.mode;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.onSlot;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.op;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.open;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.setxattr;
import static io.lisa4j.conformance.diff.KernelScenarioRunner.then;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.conformance.diff.Op.Kind;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.security.ThreadCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path resolution and listings where lisa4j once differed from Linux (issue 18, items 1 to 4), each
 * replayed on the kernel and through the server, as root and as uid 65534 on a delegating export.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelScenariosTest {
    @TempDir
    Path temp;

    private KernelScenarioRunner runner;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(ThreadCredentials.fsuid() == 0, "acting as another uid needs root");
        runner = new KernelScenarioRunner(temp);
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void aSymlinkTargetEndingInSlashNamesADirectory() throws Exception {
        List<Op> ops = List.of(
                open(0, "file", O_CREAT | O_WRONLY, 0644),   // 0
                onSlot(Kind.CLOSE, 0),
                op(Kind.SYMLINK, "l", "file/"),
                op(Kind.STAT, "l"),                           // 3: ENOTDIR
                op(Kind.LSTAT, "l"),                          // 4: the symlink itself
                new Op(Kind.SET_SIZE, "l", null, 0, 0, 7, 0, null), // 5: ENOTDIR
                setxattr("l", "user.x", "v"),                 // 6: ENOTDIR
                open(1, "l", O_RDONLY, 0),                    // 7: ENOTDIR
                access("l", 0),                               // 8: ENOTDIR
                op(Kind.SYMLINK, "l2", "new/"),
                open(1, "l2", O_CREAT | O_WRONLY, 0644),      // 10: EISDIR, nothing created
                op(Kind.STAT, "new"),                         // 11: ENOENT
                mode(Kind.MKDIR, "d", 0755),
                op(Kind.SYMLINK, "l3", "d/"),
                op(Kind.STAT, "l3"),                          // 14: the directory
                open(1, "l3", O_CREAT | O_WRONLY, 0644),      // 15: EISDIR
                op(Kind.SYMLINK, "m", "l"),
                op(Kind.STAT, "m"),                           // 17: ENOTDIR through a second symlink
                op(Kind.SYMLINK, "k", "file"),
                op(Kind.SYMLINK, "n", "k/"),
                op(Kind.STAT, "n"),                           // 20: the slash reaches the end of the chain
                op(Kind.SYMLINK, "o", "d/./"),
                op(Kind.STAT, "o"),                           // 22: the directory
                op(Kind.STAT, "l/.."));                       // 23: ENOTDIR
        for (Map.Entry<String, Credentials> caller : KernelScenarioRunner.callers().entrySet()) {
            List<String> kernel = runner.run(ops, caller.getValue());
            kernelSaid(kernel, 3, "ENOTDIR", 4, "ok l", 5, "ENOTDIR", 6, "ENOTDIR", 7, "ENOTDIR", 8, "ENOTDIR",
                    10, "EISDIR", 11, "ENOENT", 14, "ok d", 15, "EISDIR", 17, "ENOTDIR", 20, "ENOTDIR", 22, "ok d",
                    23, "ENOTDIR");
        }
    }

    @Test
    void inStopModeTheTrailingSlashReachesTheClientWithTheTarget() throws Exception {
        RemoteFs fs = runner.plain();
        fs.open("file", O_CREAT | O_WRONLY, 0644).close();
        fs.symlink("file/", "l");
        StoppedException stop = assertThrows(StoppedException.class,
                () -> fs.withResolveMode(ResolveMode.STOP).stat("l"));
        assertEquals("file/", new String(stop.target(), StandardCharsets.UTF_8));
        assertEquals(0, stop.componentIndex());
    }

    @Test
    void dotAndDotDotNeedSearchPermissionOnTheirDirectory() throws Exception {
        List<Op> ops = List.of(
                mode(Kind.MKDIR, "a", 0700),
                mode(Kind.MKDIR, "a/e", 0444),
                mode(Kind.MKDIR, "a/e/../d", 0755),           // 2: EACCES as a uid: ".." is looked up in e
                mode(Kind.MKDIR, "x", 0600),
                op(Kind.STAT, "x/.."),                        // 4
                op(Kind.STAT, "x/."),                         // 5
                mode(Kind.MKDIR, "x/.", 0755),                // 6: EACCES before EEXIST
                op(Kind.RMDIR, "x/.."),                       // 7: EACCES before ENOTEMPTY
                op(Kind.STAT, "x"),                           // 8: x itself needs nothing of x
                mode(Kind.SET_MODE, "a", 0600),
                op(Kind.STAT, "a/."),                         // 10
                mode(Kind.SET_MODE, ".", 0600),
                op(Kind.STAT, "."),                           // 12: the run's own directory
                op(Kind.STAT, "x"));                          // 13
        kernelSaid(runner.run(ops, null), 2, "ok", 4, "ok", 5, "ok", 6, "EEXIST", 7, "ENOTEMPTY", 12, "ok");
        kernelSaid(runner.run(ops, KernelScenarioRunner.NOBODY), 2, "EACCES", 4, "EACCES", 5, "EACCES", 6, "EACCES",
                7, "EACCES", 8, "ok", 10, "EACCES", 12, "EACCES", 13, "EACCES");
    }

    @Test
    void aReadableButNotSearchableDirectoryListsItsNamesWithoutAttributes() throws Exception {
        List<Op> ops = then(directoryWithFile("r"),
                mode(Kind.MKDIR, "r/s", 0755),
                mode(Kind.SET_MODE, "r", 0444),
                op(Kind.LIST, "r"),                           // 5
                open(1, "r", O_RDONLY | O_DIRECTORY, 0),
                onSlot(Kind.GETDENTS, 1),                     // 7
                onSlot(Kind.GETDENTS, 1),
                onSlot(Kind.GETDENTS, 1));
        for (Map.Entry<String, Credentials> caller : KernelScenarioRunner.callers().entrySet()) {
            List<String> kernel = runner.run(ops, caller.getValue());
            String listing = kernel.get(5);
            assertTrue(listing.contains("f:8:") && listing.contains("s:4:"), listing);
            assertTrue(caller.getValue() == null ? !listing.contains(":-") : listing.contains("f:8:-"), listing);
        }
    }

    @Test
    void aListingContinuedAfterItsDirectoryWasRemovedAnswersEnoent() throws Exception {
        List<Op> ops = then(directoryWithFile("g"),
                open(1, "g", O_RDONLY | O_DIRECTORY, 0),
                onSlot(Kind.GETDENTS, 1),
                onSlot(Kind.GETDENTS, 1),                     // 5: past the file: a cookie from its name's hash
                op(Kind.UNLINK, "g/f"),
                op(Kind.RMDIR, "g"),
                onSlot(Kind.GETDENTS, 1));                    // 8
        for (Map.Entry<String, Credentials> caller : KernelScenarioRunner.callers().entrySet()) {
            kernelSaid(runner.run(ops, caller.getValue()), 8, "ENOENT");
        }
    }
}
