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
    /**
     * No error yet: the walk hands back the directory with the dot as the entry's name, for a call
     * that reports it only after walking another path (RENAME checks both of its paths first).
     */
    static final FinalDots KEEP = new FinalDots(null, null);

    boolean keeps() {
        return dot == null;
    }
}
