package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.log.AccessLog;
import io.lisa4j.server.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lisa4j serve --config FILE} with flags on top, in-process; and the access log it switches on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliConfigTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreLogging() {
        Log.setOutput(System.err);
        Log.setLevel(Log.Level.INFO);
        AccessLog.setEnabled(false);
    }

    @Test
    void theFileConfiguresAndFlagsOverride() throws Exception {
        HostExports.requireHostBackend();
        Path export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        Path socket = dir.resolve("c.sock");
        Path config = Files.writeString(dir.resolve("lisa4j.yaml"), """
                exports: [{name: data, path: %s}]
                listen: [unix:%s]
                metrics: tcp:127.0.0.1:0
                limits: {max_in_flight: 8}
                log: {access: true}
                """.formatted(export, socket));
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));

        InProcessServe serve = InProcessServe.start("serve", "--config", config.toString(), "--max-in-flight", "16");
        try (RawClient client = RawClient.unix(socket)) {
            assertEquals(16, client.hello().maxInFlight(), "the flag overrides the file's 8");
            int fsid = client.mount("data");
            assertEquals(2, client.call(io.lisa4j.protocol.fb.Opcode.Mount, 0,
                    io.lisa4j.protocol.message.RequestBodies.mount("nosuch".getBytes(StandardCharsets.UTF_8))).status());
            assertEquals(2, client.call(io.lisa4j.protocol.fb.Opcode.Stat, fsid, Bodies.stat(0, "gone", false))
                    .status());
            assertEquals(200, Http.get(serve.server.metricsAddress().orElseThrow(), "/health").statusCode());
        } finally {
            assertEquals(0, serve.stop());
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.matches("(?s).*level=info event=request op=stat export=data fsid=\\d+ status=ENOENT "
                + "duration_us=\\d+ peer=\\S+\n.*"), log);
        // Connections, identities, mounts and refusals at info, each naming the export.
        for (String line : new String[] {"level=info event=connect peer=\"unix:", "level=info event=hello peer=\"unix:",
                " identity=\"unix:uid=", "level=info event=mount peer=\"unix:", " export=data fsid=",
                "level=info event=mount_refused peer=\"unix:", " export=nosuch status=ENOENT reason=\"no such export\"",
                "level=info event=request op=mount export=data fsid=",
                "level=info event=request op=mount export=none fsid=",
                "level=info event=disconnect peer=\"unix:"}) {
            assertTrue(log.contains(line), line + " in\n" + log);
        }
        assertTrue(log.contains("event=drained in_flight=0"), log);
    }

    @Test
    void aBadKeyInTheFileIsAUsageErrorNamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "limits:\n  max_in_fligt: 3\n");
        String err = InProcessServe.usageError("serve", "--config", config.toString());
        assertTrue(err.contains("limits.max_in_fligt: unknown key"), err);
    }

    @Test
    void aBadFlagValueNamesTheFlag() {
        String err = InProcessServe.usageError("serve", "--export", "d=" + dir, "--log-level", "chatty");
        assertTrue(err.contains("--log-level"), err);
    }
}
