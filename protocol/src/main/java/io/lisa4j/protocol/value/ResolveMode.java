package io.lisa4j.protocol.value;

/** How a path walk treats symlinks and ".." (PROTOCOL.md §6). Wire values are the ordinals. */
public enum ResolveMode {
    /** Never follow a symlink, never climb above the export root: stop and tell the caller. */
    STOP,
    /** Follow symlinks with the export root as "/"; ".." at the root stays at the root. */
    IN_ROOT;

    public int wireValue() {
        return ordinal();
    }

    public static ResolveMode fromWire(int value) {
        return switch (value) {
            case 0 -> STOP;
            case 1 -> IN_ROOT;
            default -> null;
        };
    }
}
