package io.lisa4j.server.host;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every descriptor a call opens is closed again, on success and on every failure path. */
class FdLeakTest extends HostExportFixture {

    static long openDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Runs {@code call} and ignores its failure: only the descriptors it leaves behind matter here. */
    static void quietly(ThrowingCall call) {
        try {
            call.run();
        } catch (Exception expected) {
            // The failure paths are what this test exercises.
        }
    }

    @Test
    void aBatteryOfOperationsLeavesNoDescriptorBehind() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f"), "data");
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        SetAttrSpec spec = new SetAttrSpec(ProtocolConstants.SETATTR_MODE | ProtocolConstants.SETATTR_SIZE,
                0644, 0, 0, 1, null, null);
        battery(spec); // warms up lazily opened JDK and /proc descriptors
        long before = openDescriptors();
        for (int i = 0; i < 3; i++) {
            battery(spec);
        }
        assertEquals(before, openDescriptors());
    }

    private void battery(SetAttrSpec spec) throws Exception {
        for (ResolveMode mode : ResolveMode.values()) {
            for (String path : new String[] {"a/b/f", "a/b", "", "abs/canary", "loop", "a/b/f/x", "missing/x",
                    "a/../..", "a/b/../../a/b/f", "abs"}) {
                var at = new io.lisa4j.server.spi.Lookup(null, components(path), mode);
                quietly(() -> export.stat(at, false));
                quietly(() -> export.stat(at, true));
                quietly(() -> export.open(at, O_RDONLY, 0).file().close());
                quietly(() -> export.open(at, O_PATH, 0).file().close());
                quietly(() -> export.readlink(at));
                quietly(() -> export.setattr(at, false, spec));
                quietly(() -> export.getxattr(at, false, bytes("user.none")));
                quietly(() -> export.listxattr(at, true));
                quietly(() -> export.access(at, ProtocolConstants.R_OK, 0));
                quietly(() -> export.statfs(at));
                quietly(() -> export.mkdir(at, 0755));
                quietly(() -> export.link(at, stop("a/b/f"), false));
                quietly(() -> export.rename(at, stop("a/b/f"), ProtocolConstants.RENAME_NOREPLACE));
                quietly(() -> export.unlink(at, ProtocolConstants.AT_REMOVEDIR));
            }
        }
        var created = export.open(stop("a/new"), O_RDWR | O_CREAT | O_EXCL, 0600);
        try (BackendFile f = created.file()) {
            f.pwrite(0, ByteBuffer.wrap(bytes("x")));
            quietly(() -> f.getdents(0, 10, true));
            quietly(() -> f.fgetxattr(bytes("user.none")));
        }
        quietly(() -> export.open(stop("a/new"), O_RDWR | O_CREAT | O_EXCL, 0600));
        export.unlink(stop("a/new"), 0);
        try (BackendFile d = export.open(stop("a/b"), O_RDONLY | O_DIRECTORY, 0).file()) {
            d.getdents(0, 100, true);
            quietly(() -> export.stat(at(d, "../../..", ResolveMode.STOP), false));
            export.stat(at(d, "../b/f", ResolveMode.STOP), false);
        }
    }
}
