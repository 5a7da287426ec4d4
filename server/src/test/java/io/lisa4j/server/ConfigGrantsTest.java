package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Grants written in the config file decide MOUNT over a real socket, and the flags override them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigGrantsTest {
    private static final int ME = uid();
    private static final int SOMEONE_ELSE = ME + 12345;

    @TempDir
    Path dir;

    private Path config;
    private Path socket;

    @BeforeEach
    void writeConfig() throws Exception {
        socket = dir.resolve("g.sock");
        config = Files.writeString(dir.resolve("lisa4j.yaml"), """
                exports:
                  - name: theirs
                    path: %s
                    allow: ["uid:%d:rw"]
                  - name: mine
                    path: %s
                    allow: ["uid:%d:ro", "tls:sandbox-a"]
                listen: [unix:%s]
                """.formatted(Files.createDirectories(dir.resolve("theirs")), SOMEONE_ELSE,
                Files.createDirectories(dir.resolve("mine")), ME, socket));
    }

    @Test
    void theFilesGrantsRefuseAndAdmit() throws Exception {
        try (InProcessServe serve = InProcessServe.start("serve", "--config", config.toString());
                RawClient client = RawClient.unix(socket)) {
            client.hello();
            assertEquals(Errno.EACCES.number(), client.call(Opcode.Mount, 0, Bodies.mount("theirs")).status(),
                    "a uid the file does not grant is refused, root included");
            assertTrue(mount(client, "mine").readOnly(), "a read-only grant gives a read-only mount");
        }
    }

    @Test
    void allowFlagsReplaceTheFilesGrants() throws Exception {
        try (InProcessServe serve = InProcessServe.start("serve", "--config", config.toString(),
                "--allow", "theirs=uid:" + ME + ":ro");
                RawClient client = RawClient.unix(socket)) {
            client.hello();
            assertTrue(mount(client, "theirs").readOnly(), "the flag's grant");
            // No grant for 'mine' is left: it is open to the server's own uid, read-write as exported.
            assertEquals(false, mount(client, "mine").readOnly());
        }
    }

    @Test
    void badGrantsAreNamed() throws Exception {
        assertTrue(InProcessServe.usageError("serve", "--config", config.toString(), "--allow", "nosuch=uid:1")
                .contains("--allow: names an unknown export nosuch"));
        assertTrue(InProcessServe.usageError("serve", "--config", config.toString(), "--allow", "mine=root")
                .contains("--allow: principal must be"));
        Files.writeString(config, Files.readString(config).replace("tls:sandbox-a", "cn:sandbox-a"));
        String err = InProcessServe.usageError("serve", "--config", config.toString());
        assertTrue(err.contains("bad setting exports[1].allow[1]: principal must be"), err);
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MountReply mount(RawClient client, String export) throws Exception {
        RawReply reply = client.call(Opcode.Mount, 0, Bodies.mount(export));
        assertEquals(0, reply.status(), export);
        return MountReply.getRootAsMountReply(reply.bodyBuffer());
    }
}
