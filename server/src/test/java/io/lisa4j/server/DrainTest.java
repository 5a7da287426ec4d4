package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.host.HostBackendProvider;
import io.lisa4j.server.spi.BackendProvider;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graceful stop: a STAT that the backend holds until the test lets it go is answered before
 * the connection closes, health turns to draining meanwhile, and afterwards no descriptor of the
 * export is left open and the socket file is gone. With the bound exceeded the server stops anyway.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrainTest {
    @TempDir
    Path dir;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Path export;
    private Path socket;

    @BeforeEach
    void setUp() throws Exception {
        HostExports.requireHostBackend();
        export = HostExports.populate(Files.createDirectories(dir.resolve("data")));
        socket = dir.resolve("drain.sock");
    }

    @Test
    void aRequestInProgressIsAnsweredBeforeTheConnectionCloses() throws Exception {
        LisaServer server = start();
        ListenAddress.Tcp http = server.metricsAddress().orElseThrow();
        try (RawClient client = RawClient.unix(socket)) {
            client.hello();
            int fsid = client.mount("data");
            int id = client.nextId();
            client.send(id, Opcode.Stat, fsid, Bodies.stat(0, "file.txt", false), null);
            assertTrue(entered.await(30, TimeUnit.SECONDS));

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofMinutes(1)));
            while (server.ready()) {
                Thread.onSpinWait();
            }
            assertFalse(Files.exists(socket) && connects(socket), "no new connections while draining");
            assertEquals(503, Http.get(http, "/health").statusCode(), "health reports draining");
            release.countDown();

            RawReply reply = client.receive();
            assertEquals(id, reply.requestId());
            assertEquals(0, reply.status(), "the held STAT completes");
            stopping.get(30, TimeUnit.SECONDS);
            assertThrows(IOException.class, client::receive, "then the connection is closed");
        }
        assertFalse(Files.exists(socket), "the socket file is removed");
        assertEquals(List.of(), descriptorsUnder(export), "every host fd of the export is closed");
    }

    @Test
    void theDrainTimeoutBoundsTheWait() throws Exception {
        LisaServer server = start();
        try (RawClient client = RawClient.unix(socket)) {
            client.hello();
            int fsid = client.mount("data");
            client.send(client.nextId(), Opcode.Stat, fsid, Bodies.stat(0, "file.txt", false), null);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            server.shutdown(Duration.ofMillis(100));
            assertThrows(IOException.class, client::receive, "the connection is closed without the reply");
        } finally {
            release.countDown();
        }
        assertFalse(Files.exists(socket));
    }

    private LisaServer start() throws IOException {
        List<ExportSpec> specs = List.of(ExportSpec.host("data", export.toString(), false));
        // The held STAT must wait on a worker, as a slow call does: on the event loop it would hold the loop
        // that answers /health and closes the connection.
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)), specs).withWorkers(2, 16)
                .withIoThreads(1).withInlineMetadata(false);
        ExportRegistry exports = ExportRegistry.open(specs, List.of(holdingStat(new HostBackendProvider())));
        return LisaServer.start(config, OpsOptions.DEFAULT.withMetrics(new ListenAddress.Tcp("127.0.0.1", 0)),
                exports);
    }

    /** The host backend, but STAT waits for {@link #release} (once it has said it {@link #entered}). */
    private BackendProvider holdingStat(BackendProvider real) {
        return new BackendProvider() {
            @Override
            public String kind() {
                return real.kind();
            }

            @Override
            public ExportBackend open(ExportSpec spec) throws IOException {
                ExportBackend backend = real.open(spec);
                return (ExportBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {ExportBackend.class}, (proxy, method, args) -> {
                            if (method.getName().equals("stat")) {
                                entered.countDown();
                                release.await();
                            }
                            try {
                                return method.invoke(backend, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    private static boolean connects(Path socket) {
        try (RawClient ignored = RawClient.unix(socket)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Open descriptors of this process that point into {@code root}. */
    private static List<String> descriptorsUnder(Path root) throws IOException {
        String prefix = root.toRealPath().toString();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    return "";
                }
            }).filter(target -> target.startsWith(prefix)).toList();
        }
    }
}
