package io.lisa4j.server.host;

import io.lisa4j.protocol.Errno;

/**
 * How an operation that creates or removes a directory entry fails when its final component is
 * "." or "..", which name a directory that exists (PROTOCOL.md §6.5).
 */
record FinalDots(Errno dot, Errno dotDot) {
    static final FinalDots CREATE = new FinalDots(Errno.EEXIST, Errno.EEXIST);
    static final FinalDots UNLINK = new FinalDots(Errno.EISDIR, Errno.EISDIR);
    static final FinalDots RMDIR = new FinalDots(Errno.EINVAL, Errno.ENOTEMPTY);
    static final FinalDots RENAME = new FinalDots(Errno.EBUSY, Errno.EBUSY);
}
