package io.lisa4j.server.security;

/** What a peer may do with an export: nothing (MOUNT gives EACCES), read, or read and write. */
public enum Access {
    NONE,
    READ_ONLY,
    READ_WRITE;

    /** The wider of two grants. */
    Access or(Access other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
