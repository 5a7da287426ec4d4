package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A refused MOUNT names the export it asked for: {@code MOUNT of export 'notes': ENOENT (2): …}. */
final class MountFailure {
    private MountFailure() {}

    static <T> CompletableFuture<T> naming(CompletableFuture<T> mount, byte[] exportName) {
        return mount.exceptionallyCompose(e -> CompletableFuture.failedFuture(named(e, exportName)));
    }

    private static Throwable named(Throwable e, byte[] exportName) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause.getClass() != ErrnoException.class) {
            return cause;
        }
        ErrnoException errno = (ErrnoException) cause;
        ErrnoException named = new ErrnoException(errno.errno(),
                "MOUNT of export '" + new String(exportName, StandardCharsets.UTF_8) + "'");
        named.initCause(errno);
        return named;
    }
}
