package io.lisa4j.server;

import io.lisa4j.protocol.verify.RequestTypes;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.epoll.Epoll;

/**
 * Initialises, on a thread of its own, what the daemon's start and its first requests need of
 * Netty and of the protocol, while the main thread reads the configuration and opens the exports:
 * Netty's native transport (its library is unpacked and loaded), the buffer allocator and the
 * request schema. Each is initialised once per JVM whichever thread comes first, so the main thread
 * either finds them ready or waits for the rest; a failure here is met again, and reported, there.
 */
public final class Preload {
    private Preload() {}

    /** Starts the preloading thread and returns at once. */
    public static void start() {
        Thread.ofPlatform().name("lisa4j-preload").daemon(true).start(Preload::run);
    }

    private static void run() {
        try {
            if (Epoll.isAvailable()) {
                ByteBufAllocator.DEFAULT.directBuffer(4096).release();
            }
            RequestTypes.lisa4j();
        } catch (RuntimeException | LinkageError e) {
            // The main thread meets the same failure where it needs the class, and reports it.
        }
    }
}
