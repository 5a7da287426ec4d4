package io.lisa4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.Session;
import io.lisa4j.it.InProcessServer.Transport;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who reads replies: on a Unix socket the threads that wait for them take turns reading the socket,
 * and a reader thread serves replies nobody waits for; on TCP an event loop reads them all. Either
 * way every call gets its own reply, an interrupt ends only the interrupted wait, a blocking call
 * inside a reply callback is refused instead of hanging, and closing leaves no descriptor behind.
 */
class ReplyReadingTest {
    @TempDir
    Path temp;

    private InProcessServer server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServer.start(temp);
        for (int i = 0; i < 8; i++) {
            Files.writeString(server.exportDir.resolve("f" + i), "x".repeat(i));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void blockingAndAsyncCallersMixedOnOneSessionEachGetTheirOwnReply(Transport transport) throws Exception {
        try (Session session = server.connect(transport)) {
            RemoteFs fs = session.mount(InProcessServer.EXPORT);
            long before = session.rpcCounter().total();
            int threads = 12;
            int perThread = 300;
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean async = t % 2 == 0;
                    done.add(pool.submit(() -> {
                        List<CompletableFuture<Long>> sizes = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            int n = i % 8;
                            if (async) {
                                sizes.add(fs.async().stat(RemotePath.of("f" + n)).thenApply(FileAttr::size));
                            } else {
                                assertEquals(n, fs.stat("f" + n).size());
                            }
                        }
                        for (int i = 0; i < sizes.size(); i++) {
                            assertEquals(i % 8, sizes.get(i).join());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertEquals((long) threads * perThread, session.rpcCounter().total() - before);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anInterruptEndsOnlyTheInterruptedWaitAndTheSessionGoesOn(Transport transport) throws Exception {
        try (Session session = server.connect(transport)) {
            RemoteFs fs = session.mount(InProcessServer.EXPORT);
            for (int i = 0; i < 50; i++) {
                Thread.currentThread().interrupt();
                try {
                    assertEquals(3, fs.stat("f3").size());
                } catch (InterruptedIOException expected) {
                    // the wait ended early; the reply is dropped when it comes
                } finally {
                    Thread.interrupted();
                }
            }
            assertEquals(5, fs.stat("f5").size());
            assertTrue(session.isOpen());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBlockingCallInsideAReplyCallbackIsRefusedNotHung(Transport transport) throws Exception {
        try (Session session = server.connect(transport)) {
            RemoteFs fs = session.mount(InProcessServer.EXPORT);
            AtomicReference<Throwable> inCallback = new AtomicReference<>();
            CompletableFuture<Void> chained = fs.async().stat(RemotePath.of("f1")).thenAccept(a -> {
                try {
                    fs.stat("f2");
                } catch (Throwable t) {
                    inCallback.set(t);
                }
            });
            chained.join();
            // A callback that ran on the reading thread is refused; one that ran on the caller's
            // thread (the reply was already in) may simply succeed.
            Throwable t = inCallback.get();
            if (t != null) {
                assertInstanceOf(IllegalStateException.class, t);
            }
            assertEquals(4, fs.stat("f4").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingWhileThreadsWaitFailsThemWithEnotconnAndLeavesNoDescriptor(Transport transport) throws Exception {
        long fdsBefore = openDescriptors();
        for (int round = 0; round < 20; round++) {
            Session session = server.connect(transport);
            RemoteFs fs = session.mount(InProcessServer.EXPORT);
            List<CompletableFuture<FileAttr>> outstanding = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                outstanding.add(fs.async().stat(RemotePath.of("f" + (i % 8))));
            }
            session.close();
            for (CompletableFuture<FileAttr> f : outstanding) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    assertTrue(assertInstanceOf(ErrnoException.class, e.getCause()).is(Errno.ENOTCONN));
                }
            }
            ErrnoException after = org.junit.jupiter.api.Assertions.assertThrows(ErrnoException.class,
                    () -> fs.stat("f1"));
            assertTrue(after.is(Errno.ENOTCONN));
        }
        // The server releases its end asynchronously; give it a moment, then compare.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (openDescriptors() > fdsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(fdsBefore, openDescriptors(), "descriptors of this JVM after 20 sessions came and went");
    }

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
