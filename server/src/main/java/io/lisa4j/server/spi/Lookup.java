package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.ResolveMode;
import java.util.List;

/**
 * Where a path-based operation acts: a starting point (the export root when {@code base} is
 * null, otherwise an open file of the same export) and the components to walk from it. The
 * components have been validated: non-empty, no '/' or NUL, within the name length limit. They
 * may be "." or "..", which the backend resolves according to {@code mode}.
 */
public record Lookup(BackendFile base, List<byte[]> components, ResolveMode mode) {
    public Lookup {
        components = List.copyOf(components);
    }

    public static Lookup root(List<byte[]> components, ResolveMode mode) {
        return new Lookup(null, components, mode);
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }
}
