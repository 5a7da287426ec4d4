package io.lisa4j.protocol;

import java.io.IOException;

/** A call failed with a Linux errno, on the host or on the wire. */
public class ErrnoException extends IOException {
    private final int errno;

    public ErrnoException(int errno) {
        super(Errno.describe(errno));
        this.errno = errno;
    }

    public ErrnoException(Errno errno) {
        this(errno.number());
    }

    public ErrnoException(int errno, String context) {
        super(context + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    public ErrnoException(Errno errno, String context) {
        this(errno.number(), context);
    }

    /** The errno number as Linux defines it. */
    public int errno() {
        return errno;
    }

    /** The errno as an enum constant, or null for a number {@link Errno} does not name. */
    public Errno errnoEnum() {
        return Errno.of(errno);
    }

    public boolean is(Errno e) {
        return errno == e.number();
    }
}
