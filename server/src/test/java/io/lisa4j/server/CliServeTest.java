package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lisa4j.protocol.fb.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lisa4j serve} run in-process on a temporary socket, then spoken to over it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliServeTest {
    @TempDir
    Path dir;

    @Test
    void serveExportsADirectoryOnTheGivenSocket() throws Exception {
        HostExports.requireHostBackend();
        Path export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        Path socket = dir.resolve("cli.sock");
        InProcessServe serve = InProcessServe.start("serve", "--export", "data=" + export + ":ro", "--listen",
                "unix:" + socket, "--max-in-flight", "16");
        try (RawClient client = RawClient.unix(socket)) {
            assertEquals(16, client.hello().maxInFlight());
            int fsid = client.mount("data");
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "sub/inner.txt", false)).status());
        } finally {
            assertEquals(0, serve.stop());
        }
        assertFalse(Files.exists(socket), "the socket file is removed at shutdown");
    }

    @Test
    void anInheritedFdAloneOpensNoDefaultSocket() throws Exception {
        Path export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        int[] pair = FdChannel.socketPair();
        InProcessServe serve = InProcessServe.start("serve", "--export", "data=" + export, "--inherit-fd",
                Integer.toString(pair[0]));
        try (RawClient client = new RawClient(new FdChannel(pair[1]))) {
            assertEquals(List.of(new ListenAddress.Inherited(pair[0])), serve.server.boundAddresses(),
                    "the inherited socket only, no listener on the default path");
            client.hello();
            int fsid = client.mount("data");
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "sub/inner.txt", false)).status());
        } finally {
            assertEquals(0, serve.stop());
        }
    }
}
