package io.lisa4j.server.config;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.Limits;
import io.lisa4j.server.security.ConnectionLimits;
import java.time.Duration;

/** The {@code limits:} section (and the limit flags): null means "not given in this layer". */
public record LimitSettings(
        Integer maxMessageSize,
        Integer maxInFlight,
        Integer maxHandles,
        Integer maxConnections,
        Integer maxServerHandles,
        Long maxBytesInFlight,
        Duration handshakeTimeout,
        Duration idleTimeout) {
    public static final LimitSettings EMPTY = new LimitSettings(null, null, null, null, null, null, null, null);

    LimitSettings overriddenBy(LimitSettings top) {
        return new LimitSettings(Settings.pick(top.maxMessageSize, maxMessageSize),
                Settings.pick(top.maxInFlight, maxInFlight), Settings.pick(top.maxHandles, maxHandles),
                Settings.pick(top.maxConnections, maxConnections),
                Settings.pick(top.maxServerHandles, maxServerHandles),
                Settings.pick(top.maxBytesInFlight, maxBytesInFlight),
                Settings.pick(top.handshakeTimeout, handshakeTimeout), Settings.pick(top.idleTimeout, idleTimeout));
    }

    Limits perConnection() {
        Limits d = Limits.DEFAULT;
        return new Limits(or(maxMessageSize, d.maxMessageSize()), or(maxInFlight, d.maxInFlight()),
                or(maxHandles, d.maxHandles()), ProtocolConstants.MAX_COMPONENTS, ProtocolConstants.MAX_NAME_LENGTH);
    }

    ConnectionLimits serverWide() {
        ConnectionLimits d = ConnectionLimits.DEFAULT;
        return new ConnectionLimits(or(handshakeTimeout, d.handshakeTimeout()), or(idleTimeout, d.idleTimeout()),
                or(maxConnections, d.maxConnections()), or(maxServerHandles, d.maxServerHandles()),
                or(maxBytesInFlight, d.maxBytesInFlight()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
