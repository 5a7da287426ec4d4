package io.lisa4j.server.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A setting given per export name ({@code --allow data=uid:1000}, {@code exports[0].allow}),
 * with the key it came from, so that a name which is not an export can be blamed on that key.
 */
public record PerExport<T>(String key, Map<String, T> values) {
    public PerExport {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public T get(String export, T fallback) {
        return values.getOrDefault(export, fallback);
    }

    void checkNames(Collection<String> exports) {
        for (String name : values.keySet()) {
            if (!exports.contains(name)) {
                throw new ConfigException(key, "names an unknown export " + name);
            }
        }
    }
}
