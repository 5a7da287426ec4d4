package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.tls.TlsFiles;

/**
 * What the client offers in HELLO: its name (for the server's logs) and the largest frame it
 * accepts. The server may lower the maximum; {@link Session#negotiated()} says what was agreed.
 *
 * <p>A {@code tcp:} endpoint needs {@code tls}: the PEM files of the CA that signed the server's
 * certificate (the only CA trusted), of this client's certificate and of its private key.
 * Plaintext TCP is used only with {@link #withInsecurePlaintextTcp()}, against a server that
 * opted in as well.
 *
 * <p>{@code fdDonation} asks for host descriptors on Unix sockets (FD_DONATION, PROTOCOL.md §3.3):
 * reads, writes and size of donated files then run locally with no RPC. It is off by default,
 * since those calls then no longer pass through the server (and so are neither counted nor
 * answered with attributes there).
 *
 * <p>{@code reconnect} says how a session recovers from a lost connection and how often an idle
 * one pings the server ({@link ReconnectPolicy#DEFAULTS}; {@link ReconnectPolicy#OFF} ends the
 * session at the first loss, as before).
 */
public record ClientOptions(String clientName, int maxMessageSize, TlsFiles tls, boolean insecurePlaintextTcp,
        Credentials credentials, boolean fdDonation, ReconnectPolicy reconnect) {
    public static final ClientOptions DEFAULTS =
            new ClientOptions("lisa4j-java-client", ProtocolConstants.DEFAULT_MAX_MESSAGE, null, false, null, false);

    public ClientOptions {
        if (maxMessageSize < ProtocolConstants.MIN_MAX_MESSAGE) {
            throw new IllegalArgumentException("max message size below " + ProtocolConstants.MIN_MAX_MESSAGE);
        }
        clientName = clientName == null ? "" : clientName;
        reconnect = reconnect == null ? ReconnectPolicy.DEFAULTS : reconnect;
    }

    public ClientOptions(String clientName, int maxMessageSize, TlsFiles tls, boolean insecurePlaintextTcp,
            Credentials credentials, boolean fdDonation) {
        this(clientName, maxMessageSize, tls, insecurePlaintextTcp, credentials, fdDonation, ReconnectPolicy.DEFAULTS);
    }

    public ClientOptions(String clientName, int maxMessageSize) {
        this(clientName, maxMessageSize, null, false, null, false);
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(name, maxMessageSize, tls, insecurePlaintextTcp, credentials, fdDonation, reconnect);
    }

    public ClientOptions withMaxMessageSize(int size) {
        return new ClientOptions(clientName, size, tls, insecurePlaintextTcp, credentials, fdDonation, reconnect);
    }

    /** TLS 1.3 with this key material on {@code tcp:} endpoints. */
    public ClientOptions withTls(TlsFiles files) {
        return new ClientOptions(clientName, maxMessageSize, files, insecurePlaintextTcp, credentials, fdDonation, reconnect);
    }

    /**
     * Every request carries {@code caller} (PROTOCOL.md §3.2): on exports that delegate
     * credentials the server acts as that uid, gid and groups. Connecting fails with EOPNOTSUPP
     * if the server does not offer the CREDENTIALS feature.
     */
    public ClientOptions withCredentials(Credentials caller) {
        return new ClientOptions(clientName, maxMessageSize, tls, insecurePlaintextTcp, caller, fdDonation, reconnect);
    }

    /** Plaintext on {@code tcp:} endpoints: no encryption, no authentication of either side. */
    public ClientOptions withInsecurePlaintextTcp() {
        return new ClientOptions(clientName, maxMessageSize, tls, true, credentials, fdDonation, reconnect);
    }

    public ClientOptions withFdDonation(boolean value) {
        return new ClientOptions(clientName, maxMessageSize, tls, insecurePlaintextTcp, credentials, value, reconnect);
    }

    /** How the session reconnects after losing its connection, and its keepalive. */
    public ClientOptions withReconnect(ReconnectPolicy policy) {
        return new ClientOptions(clientName, maxMessageSize, tls, insecurePlaintextTcp, credentials, fdDonation, policy);
    }
}
