package io.lisa4j.server;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unix socket peers are authorised by SO_PEERCRED uid/gid; socket files get the configured mode;
 * a connected socket inherited from a launcher's socketpair is served like an accepted one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdBaseline.class)
class PeerCredentialsTest {
    private static final int MY_UID = (Integer) uncheckedUid();

    @TempDir
    Path dir;

    private List<ExportSpec> exports() throws Exception {
        return List.of(
                ExportSpec.host("owner", Files.createDirectories(dir.resolve("owner")).toString(), false),
                ExportSpec.host("stranger", Files.createDirectories(dir.resolve("stranger")).toString(), false),
                ExportSpec.host("bygid", Files.createDirectories(dir.resolve("bygid")).toString(), false));
    }

    private static AccessPolicy policy() {
        // uid 12345 is nobody this test runs as; gid 0 is root's group, ours when running as root.
        return AccessPolicy.ownerOnly()
                .with("stranger", Grant.parse("uid:" + (MY_UID + 12345)))
                .with("bygid", Grant.parse("gid:" + myGid() + ":ro"));
    }

    private LisaServer start(List<ListenAddress> listen, SecurityConfig security) throws Exception {
        List<ExportSpec> exports = exports();
        ServerConfig config = ServerConfig.of(listen, exports).withWorkers(2, 16).withIoThreads(1)
                .withSecurity(security);
        return LisaServer.start(config, ExportRegistry.open(exports));
    }

    @Test
    void mountIsDecidedByThePeersUidAndGid() throws Exception {
        Path socket = dir.resolve("p.sock");
        try (LisaServer server = start(List.of(new ListenAddress.Unix(socket)),
                SecurityConfig.defaults().withAccess(policy()));
                RawClient client = RawClient.unix(socket)) {
            client.hello();
            client.mount("owner");
            assertEquals(Errno.EACCES.number(), client.call(Opcode.Mount, 0, Bodies.mount("stranger")).status());
            RawReply ro = client.call(Opcode.Mount, 0, Bodies.mount("bygid"));
            assertEquals(0, ro.status());
            assertTrue(MountReply.getRootAsMountReply(ro.bodyBuffer()).readOnly());
            int fsid = (int) MountReply.getRootAsMountReply(ro.bodyBuffer()).fsid();
            assertEquals(Errno.EROFS.number(),
                    client.call(Opcode.Open, fsid, Bodies.open(0, "new", O_RDWR | O_CREAT, 0600)).status());
            assertFalse(Files.exists(dir.resolve("bygid/new")));
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
        }
    }

    @Test
    void socketFilesAre0600ByDefaultAndTakeTheConfiguredMode() throws Exception {
        Path strict = dir.resolve("strict.sock");
        Path group = dir.resolve("group.sock");
        try (LisaServer a = start(List.of(new ListenAddress.Unix(strict)), SecurityConfig.defaults());
                LisaServer b = start(List.of(new ListenAddress.Unix(group)),
                        SecurityConfig.defaults().withSocketMode(0660))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(strict)));
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(group)));
        }
    }

    @Test
    void anInheritedSocketpairEndIsServedWithItsPeerCredentials() throws Exception {
        int[] pair = FdChannel.socketPair();
        try (LisaServer server = start(List.of(new ListenAddress.Inherited(pair[0])),
                SecurityConfig.defaults().withAccess(policy()));
                RawClient client = new RawClient(new FdChannel(pair[1]))) {
            assertEquals(List.of(new ListenAddress.Inherited(pair[0])), server.boundAddresses());
            client.hello();
            int fsid = client.mount("owner");
            Files.writeString(dir.resolve("owner/f"), "x");
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "f", false)).status());
            assertEquals(Errno.EACCES.number(), client.call(Opcode.Mount, 0, Bodies.mount("stranger")).status());
        }
    }

    @Test
    void descriptorsAPeerSendsAreNeverInstalledInTheServer() throws Exception {
        Path bait = Files.writeString(dir.resolve("bait"), "passed by the client");
        int[] pair = FdChannel.socketPair();
        int passed = FdChannel.openReadOnly(bait);
        FdChannel clientEnd = new FdChannel(pair[1]);
        try (LisaServer server = start(List.of(new ListenAddress.Inherited(pair[0])), SecurityConfig.defaults());
                RawClient client = new RawClient(clientEnd)) {
            clientEnd.sendWithDescriptor(Frames.helloFrame(), passed);
            assertEquals(0, client.receive().status());
            clientEnd.sendWithDescriptor(Frames.pingFrame(), passed);
            assertEquals(0, client.receive().status());
            long copies = FdBaseline.snapshot().values().stream().filter(t -> t.equals(bait.toString())).count();
            assertEquals(1, copies, "only the test's own descriptor refers to the bait");
        } finally {
            FdChannel.closeFd(passed);
        }
    }

    private static Object uncheckedUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int myGid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
