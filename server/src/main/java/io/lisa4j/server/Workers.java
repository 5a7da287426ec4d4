package io.lisa4j.server;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where filesystem syscalls run. {@link #POOL} is the daemon's choice, by measurement (README,
 * "Speed"), together with {@link ServerConfig#inlineMetadata()}, which answers metadata lookups on
 * the event loop whatever the mode; the others exist so that {@code ./lisa4j bench --threading}
 * can measure them against it.
 */
public enum Workers {
    /** A bounded pool of {@code workerThreads} platform threads with a queue of {@code workerQueue}. */
    POOL,
    /** A virtual thread per request. FFM downcalls pin the carrier, so a blocking syscall holds a core's carrier. */
    VIRTUAL,
    /** On the connection's event loop: no hand-off, but a slow syscall stalls every connection of that loop. */
    INLINE;

    ExecutorService create(ServerConfig config) {
        return switch (this) {
            case POOL -> new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(config.workerQueue()), platformThreads("lisa4j-fs-"),
                    new ThreadPoolExecutor.AbortPolicy());
            case VIRTUAL -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lisa4j-vfs-", 1).factory());
            case INLINE -> new Inline();
        };
    }

    private static java.util.concurrent.ThreadFactory platformThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> Thread.ofPlatform().name(prefix + n.incrementAndGet()).daemon(true).unstarted(task);
    }

    /** Runs each task in the submitting thread (the event loop). */
    private static final class Inline extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
