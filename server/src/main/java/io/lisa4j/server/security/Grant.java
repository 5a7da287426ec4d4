package io.lisa4j.server.security;

/**
 * One entry of an export's access list: a principal and the access it gets. Principals are
 * {@code tls:NAME} (a certificate's SAN identity), {@code uid:N} or {@code gid:N} (a Unix peer's
 * SO_PEERCRED), and {@code anonymous} (plaintext TCP, only where the operator allowed it).
 */
public record Grant(String principal, Access access) {
    public Grant {
        if (access == Access.NONE) {
            throw new IllegalArgumentException("a grant gives ro or rw");
        }
        if (!principal.equals("anonymous") && !principal.matches("tls:[A-Za-z0-9._@-]+|uid:\\d+|gid:\\d+")) {
            throw new IllegalArgumentException("principal must be tls:NAME, uid:N, gid:N or anonymous, got "
                    + principal);
        }
    }

    /** Parses {@code PRINCIPAL[:ro|:rw]}; read-write when no mode is given. */
    public static Grant parse(String text) {
        if (text.endsWith(":ro")) {
            return new Grant(text.substring(0, text.length() - 3), Access.READ_ONLY);
        }
        if (text.endsWith(":rw")) {
            return new Grant(text.substring(0, text.length() - 3), Access.READ_WRITE);
        }
        return new Grant(text, Access.READ_WRITE);
    }

    boolean matches(PeerIdentity peer) {
        return switch (peer) {
            case PeerIdentity.Certificate c -> principal.equals("tls:" + c.name());
            case PeerIdentity.UnixPeer u -> principal.equals("uid:" + Integer.toUnsignedString(u.uid()))
                    || principal.equals("gid:" + Integer.toUnsignedString(u.gid()));
            case PeerIdentity.Anonymous a -> principal.equals("anonymous");
        };
    }
}
