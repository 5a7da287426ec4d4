package io.lisa4j.protocol.value;

import java.util.List;

/**
 * The fields of a PathRef (PROTOCOL.md §6.1): a base handle (0 for the export root), the raw
 * component bytes, and the resolve mode.
 */
public record PathSpec(long base, List<byte[]> components, ResolveMode mode) {
    public PathSpec {
        components = List.copyOf(components);
        if (mode == null) {
            throw new IllegalArgumentException("resolve mode is required");
        }
    }
}
