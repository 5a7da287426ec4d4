package io.lisa4j.server.config;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.DescriptorBudget;
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

    /**
     * The per-connection limits; without {@code max_handles}, a share of {@code serverHandles}
     * (DescriptorBudget#defaultHandles).
     */
    Limits perConnection(int serverHandles) {
        Limits d = Limits.DEFAULT;
        return new Limits(or(maxMessageSize, d.maxMessageSize()), or(maxInFlight, d.maxInFlight()),
                or(maxHandles, DescriptorBudget.defaultHandles(serverHandles)), ProtocolConstants.MAX_COMPONENTS,
                ProtocolConstants.MAX_NAME_LENGTH);
    }

    /**
     * The server-wide limits, connections and handles sized from {@code budget} where not given; a
     * given value the descriptor limit cannot hold is refused, naming its key.
     */
    ConnectionLimits serverWide(DescriptorBudget budget) {
        ConnectionLimits d = ConnectionLimits.DEFAULT;
        int connections = maxConnections != null ? maxConnections : budget.defaultConnections();
        if (connections > budget.maxConnections()) {
            throw tooMany("limits.max_connections / --max-connections", connections,
                    budget.maxConnections() + " (" + DescriptorBudget.PER_CONNECTION + " descriptors each)", budget);
        }
        int handles = maxServerHandles != null ? maxServerHandles : budget.defaultServerHandles(connections);
        if (handles > budget.maxServerHandles(connections)) {
            throw tooMany("limits.max_server_handles / --max-server-handles", handles,
                    budget.maxServerHandles(connections) + " with " + connections + " connections", budget);
        }
        return new ConnectionLimits(or(handshakeTimeout, d.handshakeTimeout()), or(idleTimeout, d.idleTimeout()),
                connections, handles, or(maxBytesInFlight, d.maxBytesInFlight()));
    }

    private static ConfigException tooMany(String key, int value, String most, DescriptorBudget budget) {
        return new ConfigException(key, value + " is more than the descriptor limit allows (" + budget
                + "): at most " + most + "; raise the hard limit (ulimit -Hn, LimitNOFILE=) or lower the setting");
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
