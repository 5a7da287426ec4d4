package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.FileAttr;
import java.util.List;

/**
 * Attributes after SETATTR, and the fields that failed. Fields are applied independently in the
 * order size, mode, uid/gid, times; a failed field does not stop the others.
 */
public record SetAttrResult(FileAttr attr, List<FieldFailure> failures) {
    public SetAttrResult {
        failures = List.copyOf(failures);
    }

    /** One field (a SETATTR_* bit) that could not be applied, and why. */
    public record FieldFailure(int field, int errno) {}
}
