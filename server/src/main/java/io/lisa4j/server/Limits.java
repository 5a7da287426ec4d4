package io.lisa4j.server;

import io.lisa4j.protocol.ProtocolConstants;

/**
 * What one connection may use. {@code maxMessageSize} is the server's offer in HELLO; the session
 * uses the smaller of it and the client's.
 */
public record Limits(int maxMessageSize, int maxInFlight, int maxHandles, int maxComponents, int maxNameLength) {
    public static final Limits DEFAULT = new Limits(ProtocolConstants.DEFAULT_MAX_MESSAGE, 256, 4096,
            ProtocolConstants.MAX_COMPONENTS, ProtocolConstants.MAX_NAME_LENGTH);

    public Limits {
        if (maxMessageSize < ProtocolConstants.MIN_MAX_MESSAGE) {
            throw new IllegalArgumentException("max message size must be at least " + ProtocolConstants.MIN_MAX_MESSAGE);
        }
        if (maxInFlight < 1 || maxHandles < 1) {
            throw new IllegalArgumentException("max in flight and max handles must be positive");
        }
        if (maxComponents < 255) {
            throw new IllegalArgumentException("max components must be at least 255");
        }
        if (maxNameLength < 1 || maxNameLength > ProtocolConstants.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("max name length must be 1.." + ProtocolConstants.MAX_NAME_LENGTH);
        }
    }

    public Limits withMaxMessageSize(int value) {
        return new Limits(value, maxInFlight, maxHandles, maxComponents, maxNameLength);
    }

    public Limits withMaxInFlight(int value) {
        return new Limits(maxMessageSize, value, maxHandles, maxComponents, maxNameLength);
    }

    public Limits withMaxHandles(int value) {
        return new Limits(maxMessageSize, maxInFlight, value, maxComponents, maxNameLength);
    }
}
