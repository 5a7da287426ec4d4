package io.lisa4j.server.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which peers may mount which export, from the operator's configuration. An export with grants
 * admits exactly the peers they match. An export without any keeps the behaviour of a private
 * Unix socket: a Unix peer running as the server's own user or as root (whom the socket file's
 * mode admits anyway), or an anonymous peer on a listener the operator made insecure, mounts it
 * as configured; nobody else (in particular no TLS identity) mounts it at all.
 */
public final class AccessPolicy {
    private final Map<String, List<Grant>> grants;
    private final int serverUid;

    public AccessPolicy(Map<String, List<Grant>> grants, int serverUid) {
        Map<String, List<Grant>> copy = new HashMap<>();
        grants.forEach((export, list) -> copy.put(export, List.copyOf(list)));
        this.grants = Map.copyOf(copy);
        this.serverUid = serverUid;
    }

    /** No grants at all: only the server's own user (and insecure anonymous peers) may mount. */
    public static AccessPolicy ownerOnly() {
        return new AccessPolicy(Map.of(), ProcessIds.uid());
    }

    public AccessPolicy with(String export, Grant grant) {
        Map<String, List<Grant>> copy = new HashMap<>(grants);
        copy.merge(export, List.of(grant), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        return new AccessPolicy(copy, serverUid);
    }

    public Access decide(String export, PeerIdentity peer) {
        List<Grant> list = grants.get(export);
        if (list == null || list.isEmpty()) {
            return switch (peer) {
                case PeerIdentity.UnixPeer u -> u.uid() == serverUid || u.uid() == 0 ? Access.READ_WRITE : Access.NONE;
                case PeerIdentity.Anonymous a -> Access.READ_WRITE;
                case PeerIdentity.Certificate c -> Access.NONE;
            };
        }
        Access access = Access.NONE;
        for (Grant g : list) {
            if (g.matches(peer)) {
                access = access.or(g.access());
            }
        }
        return access;
    }

    /** Export names that have grants, for a start-up check against the configured exports. */
    public java.util.Set<String> exportsWithGrants() {
        return grants.keySet();
    }
}
