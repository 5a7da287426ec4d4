package io.lisa4j.it.reconnect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.ConnectionLostException;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReconnectPolicy;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Replay;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SDK session against a daemon process that restarts, is killed while a call is in flight, or
 * drops the session for idleness: the session reconnects by itself, its mounts and open files
 * carry on with their data, and exactly the calls that cannot be recovered fail, with the errno
 * PROTOCOL.md §12 documents.
 */
class ReconnectTest {
    private static final int RDWR_CREAT = ProtocolConstants.O_RDWR | ProtocolConstants.O_CREAT;

    @TempDir
    Path tmp;

    Path export;
    DaemonProcess daemon;

    @BeforeEach
    void exportDir() throws IOException {
        export = Files.createDirectories(tmp.resolve("export"));
    }

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Session connect(ClientOptions options, Events events) throws IOException {
        Session s = Lisa4jClient.connect(URI.create(daemon.endpoint()), options);
        s.onConnectionEvents(events);
        return s;
    }

    private static ClientOptions options(boolean donation) {
        return ClientOptions.DEFAULTS.withFdDonation(donation);
    }

    @Test
    void sessionAndOpenHandlesSurviveADaemonRestart() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        Events events = new Events();
        try (Session s = connect(options(false), events)) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            int fsid = fs.fsid();
            RemoteFile f = fs.open("f", RDWR_CREAT, 0644);
            f.pwrite(0, "before".getBytes(StandardCharsets.UTF_8));

            daemon.restart();

            assertEquals("before", new String(f.pread(0, 100).data(), StandardCharsets.UTF_8));
            f.pwrite(6, "+after".getBytes(StandardCharsets.UTF_8));
            assertEquals(12, f.fstat().size());
            assertEquals(fsid, fs.fsid());
            fs.mkdir("d", 0755);
            try (RemoteFile g = fs.open("d/g", RDWR_CREAT, 0600)) {
                g.pwrite(0, new byte[] {1, 2, 3});
            }
            f.close();
            assertEquals("before+after", Files.readString(export.resolve("f")));
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(export.resolve("d/g")));
            assertEquals(1, events.count("disconnected"), events.lines.toString());
            assertEquals(1, events.count("reconnected"), events.lines.toString());
        }
    }

    @Test
    void aDonatedHandleIsDonatedAgainAfterARestart() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        try (Session s = connect(options(true), new Events())) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            RemoteFile f = fs.open("f", RDWR_CREAT, 0644);
            assertTrue(f.donated());
            f.pwrite(0, java.nio.ByteBuffer.wrap("local".getBytes(StandardCharsets.UTF_8)));

            daemon.restart();

            assertEquals(5, f.fstat().size()); // an RPC on the reopened handle
            assertTrue(f.donated());
            f.pwrite(5, java.nio.ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)));
            assertEquals("local!", new String(f.pread(0, 64).data(), StandardCharsets.UTF_8));
            try (RemoteFile g = fs.open("g", RDWR_CREAT, 0644)) {
                assertTrue(g.donated(), "the descriptor side-channel is attached again");
            }
            f.close();
        }
    }

    @Test
    void aFileUnlinkedOrReplacedMeanwhileGivesEstaleAndOthersCarryOn() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        Events events = new Events();
        try (Session s = connect(options(true), events)) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            RemoteFile gone = fs.open("gone", RDWR_CREAT, 0644);
            RemoteFile replaced = fs.open("replaced", RDWR_CREAT, 0644);
            RemoteFile kept = fs.open("kept", RDWR_CREAT, 0644);
            kept.pwrite(0, "kept".getBytes(StandardCharsets.UTF_8));

            daemon.stop();
            Files.delete(export.resolve("gone"));
            Files.delete(export.resolve("replaced"));
            Files.writeString(export.resolve("replaced"), "another file");
            daemon.startAgain();

            // Reads of donated descriptors never reach the server: the first RPC notices the loss.
            assertTrue(fs.stat("").isDirectory());
            assertEquals("kept", new String(kept.pread(0, 64).data(), StandardCharsets.UTF_8));
            for (RemoteFile stale : new RemoteFile[] {gone, replaced}) {
                ErrnoException e = assertThrows(ErrnoException.class, () -> stale.pread(0, 64));
                assertEquals(Errno.ESTALE.number(), e.errno(), e.getMessage());
                e = assertThrows(ErrnoException.class, stale::fstat);
                assertEquals(Errno.ESTALE.number(), e.errno(), e.getMessage());
                stale.close(); // nothing left to release: no error
            }
            assertEquals("another file", Files.readString(export.resolve("replaced")));
            assertTrue(events.lines.contains("reconnected lost=2"), events.lines.toString());
            kept.close();
        }
    }

    @Test
    void aNonIdempotentCallInFlightFailsWithEnotconnAndIsNotReplayedWhileAReadIs() throws Exception {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        try (Session s = connect(options(false), new Events())) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            fs.mkdir("victim", 0755);
            Files.writeString(export.resolve("r"), "readable");
            RemoteFile r = fs.open("r", ProtocolConstants.O_RDONLY);

            // Frozen, the daemon holds both requests unread; killed, it never answers them.
            daemon.freeze();
            CompletableFuture<?> rmdir = Replay.afterReconnect(() -> fs.async().rmdir(io.lisa4j.client.RemotePath.of("victim")));
            CompletableFuture<?> mkdir = Replay.afterReconnect(() -> fs.async().mkdir(io.lisa4j.client.RemotePath.of("new"), 0755));
            CompletableFuture<io.lisa4j.client.ReadResult> read = Replay.afterReconnect(() -> r.async().pread(0, 64));
            daemon.kill();
            daemon.startAgain();

            for (CompletableFuture<?> lost : java.util.List.of(rmdir, mkdir)) {
                ExecutionException e = assertThrows(ExecutionException.class, lost::get);
                ConnectionLostException c = assertInstanceOf(e.getCause());
                assertEquals(Errno.ENOTCONN.number(), c.errno());
                assertTrue(c.sent() && !c.replayable(), c.getMessage());
            }
            assertEquals("readable", new String(read.get().data(), StandardCharsets.UTF_8));
            assertTrue(Files.isDirectory(export.resolve("victim")), "the lost RMDIR was not replayed");
            assertFalse(Files.exists(export.resolve("new")), "the lost MKDIR was not replayed");
            // The session itself is fine: the caller decides, and here does it again.
            fs.mkdir("new", 0755);
            assertTrue(Files.isDirectory(export.resolve("new")));
            r.close();
        }
    }

    @Test
    void aBlockingRenameInFlightFailsWithEnotconnAndIsNotReplayed() throws Exception {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        try (Session s = connect(options(false), new Events())) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            Files.writeString(export.resolve("a"), "a");
            daemon.freeze();
            CompletableFuture<Throwable> rename = CompletableFuture.supplyAsync(() -> {
                try {
                    fs.rename("a", "b");
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            // The request is written by the calling thread right after it is counted; this waits for both.
            while (s.rpcCounter().count(io.lisa4j.protocol.fb.Opcode.Rename) == 0) {
                DaemonProcess.pause(10);
            }
            DaemonProcess.pause(200);
            daemon.kill();
            daemon.startAgain();

            ConnectionLostException lost = assertInstanceOf(rename.get());
            assertEquals(Errno.ENOTCONN.number(), lost.errno());
            assertTrue(lost.sent() && !lost.replayable(), lost.getMessage());
            assertTrue(Files.exists(export.resolve("a")) && !Files.exists(export.resolve("b")),
                    "the lost RENAME was not replayed");
            assertEquals(1, s.rpcCounter().count(io.lisa4j.protocol.fb.Opcode.Rename));
            fs.rename("a", "b"); // the session carries on
            assertTrue(Files.exists(export.resolve("b")));
        }
    }

    private static ConnectionLostException assertInstanceOf(Throwable t) {
        assertTrue(t instanceof ConnectionLostException, String.valueOf(t));
        return (ConnectionLostException) t;
    }

    @Test
    void anIdleSessionDroppedByTheServersIdleTimeoutReconnectsOnItsNextCall() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1, "--idle-timeout", "1s");
        Events events = new Events();
        ClientOptions noKeepalive = options(false).withReconnect(ReconnectPolicy.DEFAULTS.withKeepalive(Duration.ZERO));
        try (Session s = connect(noKeepalive, events)) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            RemoteFile f = fs.open("f", RDWR_CREAT, 0644);
            f.pwrite(0, "idle".getBytes(StandardCharsets.UTF_8));
            DaemonProcess.pause(3000); // three idle timeouts: the server has closed the connection

            fs.mkdir("made-after-idle", 0755); // not in flight when the loss is noticed: sent on the new link
            assertEquals("idle", new String(f.pread(0, 64).data(), StandardCharsets.UTF_8));
            assertTrue(Files.isDirectory(export.resolve("made-after-idle")));
            assertEquals(1, events.count("reconnected"), events.lines.toString());
            f.close();
        }
    }

    @Test
    void keepaliveKeepsAnIdleSessionBelowTheServersIdleTimeout() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1, "--idle-timeout", "2s");
        Events events = new Events();
        ClientOptions keepalive = options(false)
                .withReconnect(ReconnectPolicy.DEFAULTS.withKeepalive(Duration.ofMillis(400)));
        try (Session s = connect(keepalive, events)) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            RemoteFile f = fs.open("f", RDWR_CREAT, 0644);
            DaemonProcess.pause(5000);
            f.pwrite(0, "x".getBytes(StandardCharsets.UTF_8));
            assertTrue(events.lines.isEmpty(), events.lines.toString());
            f.close();
        }
    }

    @Test
    void withReconnectOffTheFirstLossEndsTheSession() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        try (Session s = connect(options(false).withReconnect(ReconnectPolicy.OFF), new Events())) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            daemon.restart();
            ErrnoException e = assertThrows(ErrnoException.class, () -> fs.stat(""));
            assertEquals(Errno.ENOTCONN.number(), e.errno());
            e = assertThrows(ErrnoException.class, () -> fs.stat(""));
            assertEquals(Errno.ENOTCONN.number(), e.errno());
            assertFalse(s.isOpen());
        }
    }

    @Test
    void aDaemonThatStaysAwayFailsCallsWithEnotconnAfterTheBoundedAttempts() throws IOException {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        Events events = new Events();
        ClientOptions few = options(false).withReconnect(ReconnectPolicy.DEFAULTS.withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)));
        try (Session s = connect(few, events)) {
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            daemon.stop();
            ErrnoException e = assertThrows(ErrnoException.class, () -> fs.stat(""));
            assertEquals(Errno.ENOTCONN.number(), e.errno(), e.getMessage());
            assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
            daemon.startAgain();
            assertTrue(fs.stat("").isDirectory(), "a later call starts a new round");
        }
    }

    /**
     * Prints the reconnect figures: a thread calls STAT in a loop while the daemon restarts; time
     * from the new daemon's "ready" to the first call that succeeds after it, and calls that failed.
     */
    @Test
    void reconnectFigures() throws Exception {
        daemon = DaemonProcess.start(export, tmp.resolve("d.sock"), tmp, -1);
        try (Session s = connect(options(false), new Events())) {
            java.util.List<String> reconnects = new java.util.concurrent.CopyOnWriteArrayList<>();
            s.onConnectionEvents(new io.lisa4j.client.ConnectionListener() {
                @Override
                public void reconnected(String endpoint, int attempts, Duration outage, java.util.List<String> lost) {
                    reconnects.add(attempts + " attempts, " + outage.toMillis() + " ms without connection");
                }
            });
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            java.util.concurrent.atomic.AtomicLong readyAt = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong firstOk = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            Thread caller = Thread.ofPlatform().start(() -> {
                while (firstOk.get() == 0) {
                    try {
                        fs.stat("");
                        calls.incrementAndGet();
                        if (readyAt.get() != 0) {
                            firstOk.compareAndSet(0, System.nanoTime());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            DaemonProcess.pause(200);
            daemon.stop();
            daemon.startAgain();
            readyAt.set(System.nanoTime());
            caller.join(120_000);
            System.out.printf("reconnect figures (SDK): first successful call %.1f ms after the new daemon was "
                    + "ready, %d calls failed, %d succeeded; %s%n", (firstOk.get() - readyAt.get()) / 1e6, failed.get(),
                    calls.get(), reconnects);
            // For comparison: a new client's first call to a daemon just started (its warm-up, no reconnect).
            daemon.restart();
            long fresh = System.nanoTime();
            try (Session other = connect(options(false), new Events())) {
                other.mount(DaemonProcess.EXPORT).stat("");
            }
            System.out.printf("reconnect figures (SDK): a new session's connect, MOUNT and STAT to a daemon just "
                    + "ready: %.1f ms%n", (System.nanoTime() - fresh) / 1e6);
            assertEquals(0, failed.get());
        }
    }
}
