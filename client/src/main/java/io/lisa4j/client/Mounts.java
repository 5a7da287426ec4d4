package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exports a session has mounted, by the fsid the caller knows them by, so that a reconnect can
 * mount them again. On a session's first link that fsid is the server's own; on a later link the
 * server's new number is mapped to it (see {@link Link#mapFsid}).
 */
final class Mounts {
    private final Map<Integer, byte[]> byFsid = new LinkedHashMap<>();

    /** A MOUNT of {@code exportName} on {@code link} answered {@code serverFsid}; returns the caller's fsid. */
    synchronized int mounted(byte[] exportName, int serverFsid, Link link) {
        int fsid = serverFsid;
        if (link.generation() > 1) {
            while (fsid == ProtocolConstants.NO_FSID || byFsid.containsKey(fsid)) {
                fsid++;
            }
        }
        byFsid.put(fsid, exportName.clone());
        link.mapFsid(fsid, serverFsid);
        return fsid;
    }

    synchronized void unmounted(int fsid) {
        byFsid.remove(fsid);
    }

    synchronized Map<Integer, byte[]> snapshot() {
        return new LinkedHashMap<>(byFsid);
    }
}
