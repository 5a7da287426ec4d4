package io.lisa4j.server.config;

/** A bad setting, naming the key (or CLI flag) it came from: {@code limits.max_in_flight: must be at least 1}. */
public final class ConfigException extends IllegalArgumentException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
