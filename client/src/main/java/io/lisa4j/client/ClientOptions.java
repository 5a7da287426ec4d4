package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;

/**
 * What the client offers in HELLO: its name (for the server's logs), the largest frame it
 * accepts, and whether it asks for host descriptors on Unix sockets (FD_DONATION, PROTOCOL.md
 * §3.2: reads and writes of donated files then run locally with no RPC). The server may lower the
 * maximum and refuse donation; {@link Session#negotiated()} says what was agreed. Donation is off
 * by default, since with it a file's reads and writes no longer pass through the server (and so
 * are neither counted nor answered with attributes there).
 */
public record ClientOptions(String clientName, int maxMessageSize, boolean fdDonation) {
    public static final ClientOptions DEFAULTS =
            new ClientOptions("lisa4j-java-client", ProtocolConstants.DEFAULT_MAX_MESSAGE, false);

    public ClientOptions {
        if (maxMessageSize < ProtocolConstants.MIN_MAX_MESSAGE) {
            throw new IllegalArgumentException("max message size below " + ProtocolConstants.MIN_MAX_MESSAGE);
        }
        clientName = clientName == null ? "" : clientName;
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(name, maxMessageSize, fdDonation);
    }

    public ClientOptions withMaxMessageSize(int size) {
        return new ClientOptions(clientName, size, fdDonation);
    }

    public ClientOptions withFdDonation(boolean value) {
        return new ClientOptions(clientName, maxMessageSize, value);
    }
}
