package io.lisa4j.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping of the parsed config file, read with types checked and every key accounted for: reading
 * a key of the wrong type, or leaving a key nobody reads, is a {@link ConfigException} naming its full
 * path ({@code limits.max_in_flight}, {@code exports[1].path}).
 */
final class ConfigNode {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigNode(String path, Object mapping) {
        this.path = path;
        if (!(mapping instanceof Map<?, ?> map)) {
            throw new ConfigException(path.isEmpty() ? "(top level)" : path, "expected a mapping of keys to values");
        }
        values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ConfigException(key(String.valueOf(e.getKey())), "keys must be strings");
            }
            values.put(key, e.getValue());
        }
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Object raw(String name) {
        read.add(name);
        return values.get(name);
    }

    String string(String name) {
        Object v = raw(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number) {
            return v.toString();
        }
        throw new ConfigException(key(name), "expected a string, got " + describe(v));
    }

    Integer integer(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new ConfigException(key(name), "expected an integer, got " + describe(v));
    }

    Boolean bool(String name) {
        Object v = raw(name);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new ConfigException(key(name), "expected true or false, got " + describe(v));
    }

    ConfigNode node(String name) {
        Object v = raw(name);
        return v == null ? null : new ConfigNode(key(name), v);
    }

    /** A sequence; a single scalar is taken as a one-element list. */
    List<Object> list(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
    }

    List<String> strings(String name) {
        List<Object> items = list(name);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s)) {
                throw new ConfigException(key(name) + "[" + i + "]", "expected a string, got " + describe(items.get(i)));
            }
            out.add(s);
        }
        return out;
    }

    List<ConfigNode> nodes(String name) {
        List<Object> items = list(name);
        if (items == null) {
            return null;
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(new ConfigNode(key(name) + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    /** Fails on the first key that no reader asked for: a typo must not be silently ignored. */
    void rejectUnknownKeys() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new ConfigException(key(name), "unknown key");
            }
        }
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return "'" + v + "'";
    }
}
