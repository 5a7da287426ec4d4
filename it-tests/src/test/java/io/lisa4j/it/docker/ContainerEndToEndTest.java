package io.lisa4j.it.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The daemon's container image end to end: built from docker/, started with a bind-mounted export
 * and a shared socket volume, spoken to with the SDK over the Unix socket and over TCP, scraped for
 * metrics, and stopped with SIGTERM. Skipped, with Testcontainers' reason, only where no Docker
 * engine can be reached.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContainerEndToEndTest {
    @TempDir
    static Path shared;

    private static DaemonContainer daemon;

    @BeforeAll
    static void start() throws Exception {
        // TCP here is plaintext, by explicit opt-in on both sides; mutual TLS is covered by the security tests.
        daemon = DaemonContainer.start(shared, "--listen", "unix:/run/lisa4j/lisa4j.sock",
                "--listen", "tcp:0.0.0.0:" + DaemonContainer.TCP_PORT, "--insecure-tcp");
        Files.writeString(daemon.export.resolve("hello.txt"), "hello from the host\n");
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sdkOverTheUnixSocketOnTheSharedVolume() throws Exception {
        assertTrue(Files.exists(daemon.socket()), "the socket appears in the shared volume");
        try (Session session = Lisa4jClient.connect(daemon.unixEndpoint())) {
            exerciseExport(session.mount("export"), "via-unix.txt");
        }
    }

    @Test
    void sdkOverTcp() throws Exception {
        try (Session session = Lisa4jClient.connect(URI.create(daemon.tcpEndpoint()),
                ClientOptions.DEFAULTS.withInsecurePlaintextTcp())) {
            exerciseExport(session.mount("export"), "via-tcp.txt");
        }
    }

    @Test
    void metricsCanBeScrapedAndHealthIsOk() throws Exception {
        try (Session session = Lisa4jClient.connect(daemon.unixEndpoint())) {
            RemoteFs fs = session.mount("export");
            fs.stat("hello.txt");
        }
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("lisa4j_requests_seconds_count{export=\"export\",op=\"stat\",outcome=\"ok\","
                + "transport=\"unix\"}"), text);
        assertTrue(text.contains("lisa4j_requests_seconds_bucket{"), text);
        assertTrue(text.contains("jvm_memory_used_bytes{"), text);
        assertTrue(text.contains("lisa4j_fds_donated 0.0"), text);
    }

    @Test
    void sigtermDrainsClosesAndRemovesTheSocket(@TempDir Path own) throws Exception {
        try (DaemonContainer stopping = DaemonContainer.start(own)) {
            try (Session session = Lisa4jClient.connect(stopping.unixEndpoint())) {
                session.mount("export").mkdir("made-before-stop", 0755);
            }
            String id = stopping.container.getContainerId();
            DockerClientFactory.instance().client().stopContainerCmd(id).withTimeout(30).exec();
            String logs = stopping.container.getLogs();
            assertTrue(logs.contains("event=signal action=drain"), logs);
            assertTrue(logs.contains("event=drained in_flight=0"), logs);
            assertTrue(logs.contains("event=stopped"), logs);
            assertFalse(Files.exists(stopping.socket()), "the socket file is removed");
            assertTrue(Files.isDirectory(stopping.export.resolve("made-before-stop")));
        }
    }

    /** Reads what the host wrote, writes a file the host then reads, and sees an errno come back. */
    private static void exerciseExport(RemoteFs fs, String name) throws Exception {
        assertEquals(Files.size(daemon.export.resolve("hello.txt")), fs.stat("hello.txt").size());
        try (RemoteFile file = fs.open("hello.txt", ProtocolConstants.O_RDONLY)) {
            assertArrayEquals(Files.readAllBytes(daemon.export.resolve("hello.txt")), file.pread(0, 4096).data());
        }
        byte[] data = ("written through " + name).getBytes(StandardCharsets.UTF_8);
        try (RemoteFile file = fs.open(name, ProtocolConstants.O_CREAT | ProtocolConstants.O_WRONLY, 0644)) {
            assertEquals(data.length, file.pwrite(0, data).written());
        }
        assertArrayEquals(data, Files.readAllBytes(daemon.export.resolve(name)));
        try {
            fs.stat("no-such-file");
            throw new AssertionError("stat of a missing file succeeded");
        } catch (ErrnoException e) {
            assertEquals(Errno.ENOENT, Errno.of(e.errno()));
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(daemon.httpBase() + path)).GET().build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
