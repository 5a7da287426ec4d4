package io.lisa4j.protocol.value;

/** What a HELLO settled for the rest of the connection (PROTOCOL.md §3). */
public record Negotiated(
        int version,
        long features,
        int maxMessageSize,
        String serverName,
        int maxInFlight,
        int maxComponents,
        int maxNameLength) {

    public Negotiated {
        serverName = serverName == null ? "" : serverName;
    }
}
