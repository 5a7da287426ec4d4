package io.lisa4j.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A walk in {@code Stop} resolve mode reached a symlink it would have to follow, or a ".." that
 * would climb above the export root. Not an error of the filesystem: the caller, which owns the
 * namespace, continues the walk itself (PROTOCOL.md §6).
 */
public class StoppedException extends IOException {
    public enum Reason { SYMLINK, ABOVE_ROOT }

    private final Reason reason;
    private final int componentIndex;
    private final byte[] target;

    public StoppedException(Reason reason, int componentIndex, byte[] target) {
        super(reason == Reason.SYMLINK
                ? "walk stopped at symlink component " + componentIndex + " -> "
                        + new String(target, StandardCharsets.UTF_8)
                : "walk stopped: component " + componentIndex + " climbs above the export root");
        this.reason = reason;
        this.componentIndex = componentIndex;
        this.target = target == null ? new byte[0] : target.clone();
    }

    public Reason reason() {
        return reason;
    }

    /** Index, in the request's components, of the symlink or of the offending "..". */
    public int componentIndex() {
        return componentIndex;
    }

    /** The symlink's target bytes (empty for ABOVE_ROOT). */
    public byte[] target() {
        return target.clone();
    }
}
