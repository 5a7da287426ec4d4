package io.lisa4j.server;

import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.util.List;

/**
 * Everything the operator chose. {@code workerThreads} platform threads run the filesystem calls;
 * {@code ioThreads} event loops run the sockets (0 lets Netty pick). With {@code inlineMetadata},
 * metadata lookups made with the server's own credentials (STAT, FSTAT, READLINK, ACCESS, the
 * xattr reads, STATFS) are answered on the event loop instead.
 */
public record ServerConfig(
        List<ListenAddress> listen,
        List<ExportSpec> exports,
        Limits limits,
        int workerThreads,
        int workerQueue,
        int ioThreads,
        boolean inlineMetadata,
        String serverName,
        SecurityConfig security) {
    public static final int DEFAULT_WORKERS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_WORKER_QUEUE = 16_384;
    /** By measurement (README, "Speed"): lookups answered without two thread hand-offs. */
    public static final boolean DEFAULT_INLINE_METADATA = true;

    public ServerConfig {
        listen = List.copyOf(listen);
        exports = List.copyOf(exports);
        security = security == null ? SecurityConfig.defaults() : security;
        if (workerThreads < 1 || workerQueue < 1 || ioThreads < 0) {
            throw new IllegalArgumentException("worker threads and queue must be positive, io threads not negative");
        }
    }

    public static ServerConfig of(List<ListenAddress> listen, List<ExportSpec> exports) {
        return new ServerConfig(listen, exports, Limits.DEFAULT, DEFAULT_WORKERS, DEFAULT_WORKER_QUEUE, 0,
                DEFAULT_INLINE_METADATA, "lisa4j", SecurityConfig.defaults());
    }

    public ServerConfig withLimits(Limits value) {
        return new ServerConfig(listen, exports, value, workerThreads, workerQueue, ioThreads, inlineMetadata,
                serverName, security);
    }

    public ServerConfig withWorkers(int threads, int queue) {
        return new ServerConfig(listen, exports, limits, threads, queue, ioThreads, inlineMetadata, serverName,
                security);
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return new ServerConfig(listen, exports, limits, workerThreads, workerQueue, ioThreads, inlineMetadata,
                serverName, value);
    }

    public ServerConfig withIoThreads(int value) {
        return new ServerConfig(listen, exports, limits, workerThreads, workerQueue, value, inlineMetadata,
                serverName, security);
    }

    public ServerConfig withInlineMetadata(boolean value) {
        return new ServerConfig(listen, exports, limits, workerThreads, workerQueue, ioThreads, value, serverName,
                security);
    }
}
