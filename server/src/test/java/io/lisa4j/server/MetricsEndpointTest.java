package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's HTTP listener: Prometheus text with the request, byte and gauge metrics; health. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {
    @TempDir
    Path dir;

    private LisaServer server;
    private ListenAddress.Tcp http;

    @BeforeEach
    void start() throws Exception {
        HostExports.requireHostBackend();
        Path export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        List<ExportSpec> exports = List.of(ExportSpec.host("data", export.toString(), false));
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(dir.resolve("s.sock"))), exports)
                .withWorkers(2, 16).withIoThreads(1);
        server = LisaServer.start(config, OpsOptions.DEFAULT.withMetrics(new ListenAddress.Tcp("127.0.0.1", 0)));
        http = server.metricsAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void requestsAreCountedByOpExportTransportAndOutcome() throws Exception {
        try (RawClient client = RawClient.unix(dir.resolve("s.sock"))) {
            client.hello();
            int fsid = client.mount("data");
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "file.txt", false)).status());
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "sub/inner.txt", false)).status());
            assertEquals(Errno.ENOENT.number(), client.call(Opcode.Stat, fsid, Bodies.stat(0, "nope", false)).status());
            long handle = open(client, fsid, "file.txt", ProtocolConstants.O_RDWR);
            assertEquals(0, client.call(Opcode.Pread, fsid, Bodies.pread(handle, 0, 5)).status());
            byte[] data = "12345678".getBytes(StandardCharsets.UTF_8);
            assertEquals(0, client.call(Opcode.Pwrite, fsid, Bodies.pwrite(handle, 0), data).status());

            String text = scrape();
            assertTrue(text.contains(
                    "lisa4j_requests_seconds_count{export=\"data\",op=\"stat\",outcome=\"ok\",transport=\"unix\"} 2"),
                    text);
            assertTrue(text.contains(
                    "lisa4j_requests_seconds_count{export=\"data\",op=\"stat\",outcome=\"ENOENT\",transport=\"unix\"} 1"),
                    text);
            // A MOUNT that succeeded counts under the export it mounted.
            assertTrue(text.contains("lisa4j_requests_seconds_count{export=\"data\",op=\"mount\",outcome=\"ok\""),
                    text);
            assertTrue(text.contains("lisa4j_requests_seconds_bucket{export=\"data\",op=\"stat\",outcome=\"ok\","
                    + "transport=\"unix\",le=\"+Inf\"} 2"), text);
            assertTrue(text.contains("lisa4j_read_bytes_total 5.0"), text);
            assertTrue(text.contains("lisa4j_written_bytes_total 8.0"), text);
            assertTrue(text.contains("lisa4j_connections{transport=\"unix\"} 1.0"), text);
            assertTrue(text.contains("lisa4j_handles_open 1.0"), text);
            assertTrue(text.contains("lisa4j_fds_donated 0.0"), text);
            assertTrue(text.contains("lisa4j_requests_refused_total{limit=\"in_flight\"} 0.0"), text);
            assertTrue(text.contains("lisa4j_tls_handshake_failures_total 0.0"), text);
            assertTrue(text.contains("jvm_memory_used_bytes{"), text);
            assertTrue(text.contains("process_files_open_files"), text);
        }
        // The server notices the disconnect on its event loop; wait for that (bounded by @Timeout).
        String after = scrape();
        while (!after.contains("lisa4j_connections{transport=\"unix\"} 0.0")) {
            Thread.sleep(10);
            after = scrape();
        }
        assertTrue(after.contains("lisa4j_handles_open 0.0"), after);
    }

    @Test
    void oversizeFramesCountAsRefusedByTheMessageSizeLimit() throws Exception {
        try (RawClient client = RawClient.unix(dir.resolve("s.sock"))) {
            client.hello(); // negotiates the server's default maximum
            int fsid = client.mount("data");
            byte[] huge = new byte[Limits.DEFAULT.maxMessageSize()];
            assertEquals(Errno.EMSGSIZE.number(),
                    client.call(Opcode.Pwrite, fsid, Bodies.pwrite(1, 0), huge).status());
        }
        assertTrue(scrape().contains("lisa4j_requests_refused_total{limit=\"message_size\"} 1.0"));
    }

    @Test
    void healthIsOkWhileServingAndUnknownPathsAre404() throws Exception {
        Http.Response health = Http.get(http, "/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        assertEquals(200, Http.get(http, "/health/live").statusCode());
        assertEquals(404, Http.get(http, "/nothing").statusCode());
        Http.Response metrics = Http.get(http, "/metrics");
        assertTrue(metrics.header("content-type").startsWith("text/plain; version=0.0.4"));
    }

    private String scrape() throws Exception {
        Http.Response response = Http.get(http, "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static long open(RawClient client, int fsid, String path, int flags) throws Exception {
        RawReply reply = client.call(Opcode.Open, fsid, Bodies.open(0, path, flags, 0));
        assertEquals(0, reply.status());
        return OpenReply.getRootAsOpenReply(ByteBuffer.wrap(reply.body())).handle();
    }
}
