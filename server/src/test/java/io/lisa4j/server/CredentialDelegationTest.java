package io.lisa4j.server;

import static io.lisa4j.protocol.ProtocolConstants.FLAG_CREDENTIALS;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.security.ThreadCredentials;
import io.lisa4j.server.spi.ExportSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests carrying caller credentials on an export that delegates run with those credentials on
 * the worker thread: the kernel checks permissions as the caller and new files belong to it. The
 * thread's own identity is back afterwards. Set-id modes and security.* attributes are refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdBaseline.class)
class CredentialDelegationTest {
    private static final Credentials ALICE = new Credentials(1234, 1234, new int[] {1234, 5000});

    @TempDir
    Path dir;

    private Path deleg;
    private Path plain;

    @BeforeEach
    void requireRoot() throws Exception {
        assumeTrue(ThreadCredentials.fsuid() == 0, "credential delegation needs root");
        // Temp dirs are 0700: let the delegated uid reach the export, as a real deployment would.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        deleg = Files.createDirectories(dir.resolve("deleg"));
        plain = Files.createDirectories(dir.resolve("plain"));
        Files.createDirectories(deleg.resolve("rootonly"));
        Files.setPosixFilePermissions(deleg.resolve("rootonly"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(deleg.resolve("shared"));
        Files.setPosixFilePermissions(deleg.resolve("shared"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(deleg, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private LisaServer start(Path socket) throws Exception {
        List<ExportSpec> exports = List.of(ExportSpec.host("deleg", deleg.toString(), false),
                ExportSpec.host("plain", plain.toString(), false));
        SecurityConfig security = SecurityConfig.defaults()
                .withPolicy("deleg", ExportPolicy.DEFAULT.withDelegation())
                .withPolicy("plain", ExportPolicy.DEFAULT.withSetId());
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)), exports).withWorkers(2, 16)
                .withIoThreads(1).withSecurity(security);
        return LisaServer.start(config, ExportRegistry.open(exports));
    }

    private static int helloWithCredentials(RawClient c) throws Exception {
        RawReply r = c.call(Opcode.Hello, 0, RequestBodies.hello(1, 1, ProtocolConstants.FEATURE_CREDENTIALS,
                ProtocolConstants.DEFAULT_MAX_MESSAGE, "deleg"));
        assertEquals(0, r.status());
        return (int) HelloReply.getRootAsHelloReply(r.bodyBuffer()).features();
    }

    @Test
    void callsRunAsTheCallerAndTheKernelChecksPermissions() throws Exception {
        Path socket = dir.resolve("d.sock");
        try (LisaServer server = start(socket); RawClient c = RawClient.unix(socket)) {
            assertEquals(ProtocolConstants.FEATURE_CREDENTIALS, helloWithCredentials(c));
            int fsid = c.mount("deleg");

            assertEquals(0, as(c, ALICE, Opcode.Mkdir, fsid, RequestBodies.mkdir(path("shared/mine"), 0755)));
            assertEquals(1234, Files.getAttribute(deleg.resolve("shared/mine"), "unix:uid"));
            assertEquals(1234, Files.getAttribute(deleg.resolve("shared/mine"), "unix:gid"));

            assertEquals(Errno.EACCES.number(), as(c, ALICE, Opcode.Open, fsid,
                    RequestBodies.open(path("rootonly/f"), O_WRONLY | O_CREAT, 0644)));
            assertFalse(Files.exists(deleg.resolve("rootonly/f")));

            // No credentials on a delegating export: refused, nothing done as the server.
            assertEquals(Errno.EACCES.number(),
                    c.call(Opcode.Mkdir, fsid, RequestBodies.mkdir(path("shared/anon"), 0755)).status());
            assertFalse(Files.exists(deleg.resolve("shared/anon")));

            // Root's request right after on the same workers: the threads are themselves again.
            Credentials root = new Credentials(0, 0, new int[0]);
            assertEquals(0, as(c, root, Opcode.Mkdir, fsid, RequestBodies.mkdir(path("rootonly/byroot"), 0700)));
            assertEquals(0, Files.getAttribute(deleg.resolve("rootonly/byroot"), "unix:uid"));
            assertWorkersAreRoot();
        }
    }

    @Test
    void anExportWithoutDelegationIgnoresCredentialsAndActsAsTheServer() throws Exception {
        Path socket = dir.resolve("p.sock");
        try (LisaServer server = start(socket); RawClient c = RawClient.unix(socket)) {
            helloWithCredentials(c);
            int fsid = c.mount("plain");
            assertEquals(0, as(c, ALICE, Opcode.Mkdir, fsid, RequestBodies.mkdir(path("d"), 0755)));
            assertEquals(0, Files.getAttribute(plain.resolve("d"), "unix:uid"));
        }
    }

    @Test
    void setIdModesAndSecurityAttributesFollowTheExportPolicy() throws Exception {
        Path socket = dir.resolve("s.sock");
        Files.writeString(deleg.resolve("shared/f"), "x");
        Files.writeString(plain.resolve("f"), "x");
        try (LisaServer server = start(socket); RawClient c = RawClient.unix(socket)) {
            helloWithCredentials(c);
            int d = c.mount("deleg");
            int p = c.mount("plain");
            ByteBuffer setuid = RequestBodies.setAttr(path("shared/f"), true, AttrChange.none().withMode(04755));
            assertEquals(Errno.EPERM.number(), as(c, new Credentials(0, 0, new int[0]), Opcode.SetAttr, d, setuid));
            assertEquals(Errno.EPERM.number(), as(c, ALICE, Opcode.Mkdir, d, RequestBodies.mkdir(path("shared/g"), 02775)));
            assertEquals(Errno.EPERM.number(), c.call(Opcode.SetXattr, p, RequestBodies.setXattr(path("f"), true,
                    "security.capability".getBytes(), new byte[] {1, 2, 3}, 0)).status());
            // plain allows set-id bits: the mode reaches the host.
            assertEquals(0, c.call(Opcode.SetAttr, p,
                    RequestBodies.setAttr(path("f"), true, AttrChange.none().withMode(04755))).status());
            assertEquals(04755, (Integer) Files.getAttribute(plain.resolve("f"), "unix:mode") & 07777);
            assertEquals(0, (Integer) Files.getAttribute(deleg.resolve("shared/f"), "unix:mode") & 06000);
        }
    }

    @Test
    void aTruncatedCredentialsBlockIsABadMessage() throws Exception {
        Path socket = dir.resolve("t.sock");
        try (LisaServer server = start(socket); RawClient c = RawClient.unix(socket)) {
            helloWithCredentials(c);
            int fsid = c.mount("deleg");
            assertEquals(Errno.EBADMSG.number(), c.call(Opcode.Mkdir, FLAG_CREDENTIALS, fsid,
                    RequestBodies.mkdir(path("shared/t"), 0755), new byte[] {1, 2, 3}).status());
            assertEquals(0, c.call(Opcode.Ping, 0, null).status());
        }
    }

    private static int as(RawClient c, Credentials who, int opcode, int fsid, ByteBuffer body) throws Exception {
        ByteBuf block = Unpooled.buffer(who.encodedLength());
        who.write(block);
        byte[] data = new byte[block.readableBytes()];
        block.readBytes(data);
        return c.call(opcode, FLAG_CREDENTIALS, fsid, body, data).status();
    }

    private static PathSpec path(String p) {
        return Bodies.spec(p, ResolveMode.STOP);
    }

    /** Every lisa4j worker thread's filesystem uid (4th field of Uid: in its status) is 0 again. */
    private static void assertWorkersAreRoot() throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (!Files.readString(task.resolve("comm")).startsWith("lisa4j-fs")) {
                    continue;
                }
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                        String[] f = line.substring(4).trim().split("\\s+");
                        assertEquals("0", f[3], task + " " + line);
                    }
                    if (line.startsWith("Groups:")) {
                        assertFalse(line.contains("1234"), task + " still has the caller's groups: " + line);
                    }
                }
            }
        }
    }
}
