package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FieldFailure;

/**
 * SETATTR or FSETATTR applied some fields but not all (PROTOCOL.md §8.2.10): the call fails with
 * the errno of the first field that failed, as a chmod or utimens of that field alone would, and
 * {@link #result()} says what was applied, for callers that accept a partial change (copying
 * times but owners only where allowed, say).
 */
public final class SetAttrException extends ErrnoException {
    private final transient SetAttrResult result;

    public SetAttrException(SetAttrResult result) {
        super(first(result).errno(), "setattr field 0x" + Integer.toHexString(first(result).field()));
        this.result = result;
    }

    private static FieldFailure first(SetAttrResult result) {
        if (result.failures().isEmpty()) {
            throw new IllegalArgumentException("no failed field");
        }
        return result.failures().getFirst();
    }

    /** The attributes afterwards and every field that failed. */
    public SetAttrResult result() {
        return result;
    }
}
