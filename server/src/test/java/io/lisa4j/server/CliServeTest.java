package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
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
        CompletableFuture<LisaServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine(new Main(started::complete))
                .execute("serve", "--export", "data=" + export + ":ro", "--listen", "unix:" + socket,
                        "--max-in-flight", "16"));
        LisaServer server = started.get(30, TimeUnit.SECONDS);
        try (RawClient client = RawClient.unix(socket)) {
            assertEquals(16, client.hello().maxInFlight());
            int fsid = client.mount("data");
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "sub/inner.txt", false)).status());
        } finally {
            server.close();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(socket), "the socket file is removed at shutdown");
    }
}
