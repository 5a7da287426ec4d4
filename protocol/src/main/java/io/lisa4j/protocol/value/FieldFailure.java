package io.lisa4j.protocol.value;

/** One SETATTR field (a SETATTR_* mask bit) that could not be applied, and why. */
public record FieldFailure(int field, int errno) {}
