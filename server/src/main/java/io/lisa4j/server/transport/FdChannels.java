package io.lisa4j.server.transport;

import io.lisa4j.server.session.Session;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-wide table of side-channel tokens (PROTOCOL.md §3.3): HELLO on a Unix socket with
 * FD_DONATION issues a random 16-byte token for the session; the first FD_CHANNEL frame of another
 * connection from the same uid that presents it claims it, once.
 */
final class FdChannels {
    static final int TOKEN_BYTES = 16;

    private record Pending(Session session, int uid) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    byte[] issue(Session session, int uid) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        String key = HexFormat.of().formatHex(token);
        pending.put(key, new Pending(session, uid));
        session.onClose(() -> pending.remove(key));
        return token;
    }

    /** The session that issued {@code token} to a peer of {@code uid}, or null; a token works once. */
    Session claim(byte[] token, int uid) {
        if (token == null || token.length != TOKEN_BYTES) {
            return null;
        }
        Pending p = pending.remove(HexFormat.of().formatHex(token));
        return p != null && p.uid() == uid ? p.session() : null;
    }
}
