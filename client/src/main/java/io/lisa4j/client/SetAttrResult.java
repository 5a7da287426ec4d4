package io.lisa4j.client;

import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import java.util.List;

/**
 * The attributes after a SETATTR, and the fields that could not be applied: the others were
 * (PROTOCOL.md §5 allows this partial effect for SETATTR only). setattr, lsetattr and fsetattr
 * return it only when every field was applied; otherwise they throw {@link SetAttrException},
 * whose {@link SetAttrException#result()} is this record with its failures.
 */
public record SetAttrResult(FileAttr attr, List<FieldFailure> failures) {
    public SetAttrResult {
        failures = List.copyOf(failures);
    }

    public boolean fullyApplied() {
        return failures.isEmpty();
    }
}
