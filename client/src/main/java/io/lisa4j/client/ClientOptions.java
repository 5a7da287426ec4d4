package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;

/**
 * What the client offers in HELLO: its name (for the server's logs) and the largest frame it
 * accepts. The server may lower the maximum; {@link Session#negotiated()} says what was agreed.
 */
public record ClientOptions(String clientName, int maxMessageSize) {
    public static final ClientOptions DEFAULTS =
            new ClientOptions("lisa4j-java-client", ProtocolConstants.DEFAULT_MAX_MESSAGE);

    public ClientOptions {
        if (maxMessageSize < ProtocolConstants.MIN_MAX_MESSAGE) {
            throw new IllegalArgumentException("max message size below " + ProtocolConstants.MIN_MAX_MESSAGE);
        }
        clientName = clientName == null ? "" : clientName;
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(name, maxMessageSize);
    }

    public ClientOptions withMaxMessageSize(int size) {
        return new ClientOptions(clientName, size);
    }
}
