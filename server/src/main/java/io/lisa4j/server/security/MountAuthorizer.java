package io.lisa4j.server.security;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ReadOnlyExport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides MOUNT: EACCES for a peer the export's access list does not admit; a read-only view of
 * a read-write export for a peer granted only {@code ro}. One view per export, so two read-only
 * mounts of it are the same export to RENAME and LINK.
 */
public final class MountAuthorizer {
    private final AccessPolicy policy;
    private final Map<ExportBackend, ExportBackend> readOnlyViews = new ConcurrentHashMap<>();

    public MountAuthorizer(AccessPolicy policy) {
        this.policy = policy;
    }

    public ExportBackend authorize(String export, ExportBackend backend, PeerIdentity peer) throws ErrnoException {
        return switch (policy.decide(export, peer)) {
            case NONE -> throw new ErrnoException(Errno.EACCES, peer + " may not mount " + export);
            case READ_WRITE -> backend;
            case READ_ONLY -> backend.readOnly() ? backend
                    : readOnlyViews.computeIfAbsent(backend, ReadOnlyExport::new);
        };
    }
}
