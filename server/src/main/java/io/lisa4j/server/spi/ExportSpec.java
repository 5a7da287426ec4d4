package io.lisa4j.server.spi;

import java.util.Map;

/**
 * An export as configured by the operator (never by a client): its name, the backend kind, where
 * the data lives (a host directory for kind "host"), whether it is read-only, and backend options.
 */
public record ExportSpec(String name, String kind, String location, boolean readOnly, Map<String, String> options) {
    public ExportSpec {
        options = Map.copyOf(options);
    }

    public static ExportSpec host(String name, String directory, boolean readOnly) {
        return new ExportSpec(name, "host", directory, readOnly, Map.of());
    }

    public boolean option(String key) {
        return Boolean.parseBoolean(options.getOrDefault(key, "false"));
    }
}
