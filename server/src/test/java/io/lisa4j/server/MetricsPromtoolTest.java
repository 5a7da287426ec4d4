package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full {@code /metrics} scrape of {@code lisa4j serve --metrics}, after traffic of every kind
 * (ok, errno, refused MOUNT, reads and writes), passes Prometheus' own linter, {@code promtool check
 * metrics} (Debian's prometheus package; .ci/run installs it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsPromtoolTest {
    @TempDir
    Path dir;

    @Test
    void aFullScrapePassesPromtool() throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "promtool"))
                .filter(Files::isExecutable).findFirst();
        assumeTrue(promtool.isPresent(), "promtool is not installed (Debian: apt-get install prometheus)");
        Path export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        Path socket = dir.resolve("m.sock");
        InProcessServe serve = InProcessServe.start("serve", "--export", "data=" + export, "--listen",
                "unix:" + socket, "--metrics", "tcp:127.0.0.1:0");
        Path scrape = dir.resolve("scrape.txt");
        try {
            try (RawClient client = RawClient.unix(socket)) {
                client.hello();
                int fsid = client.mount("data");
                assertEquals(2, client.call(Opcode.Mount, 0,
                        RequestBodies.mount("nosuch".getBytes(StandardCharsets.UTF_8))).status());
                assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "file.txt", false)).status());
                assertEquals(2, client.call(Opcode.Stat, fsid, Bodies.stat(0, "nope", false)).status());
                RawReply opened = client.call(Opcode.Open, fsid,
                        Bodies.open(0, "file.txt", ProtocolConstants.O_RDWR, 0));
                long handle = OpenReply.getRootAsOpenReply(ByteBuffer.wrap(opened.body())).handle();
                assertEquals(0, client.call(Opcode.Pread, fsid, Bodies.pread(handle, 0, 5)).status());
                assertEquals(0, client.call(Opcode.Pwrite, fsid, Bodies.pwrite(handle, 0),
                        "12345".getBytes(StandardCharsets.UTF_8)).status());
                assertEquals(0, client.call(Opcode.Ping, 0, null).status());
            }
            Http.Response response = Http.get(serve.server.metricsAddress().orElseThrow(), "/metrics");
            assertEquals(200, response.statusCode());
            Files.writeString(scrape, response.body());
        } finally {
            assertEquals(0, serve.stop());
        }
        assertTrue(Files.readString(scrape).contains("lisa4j_requests_seconds_count{export=\"data\",op=\"pread\""));
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectInput(scrape.toFile())
                .redirectErrorStream(true).start();
        String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", verdict.strip(), "promtool's findings");
        assertEquals(0, check.exitValue(), verdict);
    }
}
