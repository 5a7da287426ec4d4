package io.lisa4j.server.security;

/** Who is at the other end of a connection, as the transport established it. */
public sealed interface PeerIdentity {
    /** A TLS peer whose certificate chains to the configured CA; {@code name} is its SAN identity. */
    record Certificate(String name) implements PeerIdentity {
        @Override
        public String toString() {
            return "tls:" + name;
        }
    }

    /** A Unix socket peer, by SO_PEERCRED (the credentials it had when it connected). */
    record UnixPeer(int uid, int gid, int pid) implements PeerIdentity {
        @Override
        public String toString() {
            return "unix:uid=" + uid + ",gid=" + gid + ",pid=" + pid;
        }
    }

    /** A plaintext TCP peer on a listener the operator explicitly made insecure: nothing is known. */
    record Anonymous() implements PeerIdentity {
        @Override
        public String toString() {
            return "anonymous";
        }
    }
}
