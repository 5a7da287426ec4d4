package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.FileAttr;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The attributes GETDENTS reported for one entry (lstat view), carried by the path the directory
 * stream returned so that a tree walk need not STAT each entry again. They answer one attribute
 * read of that path object, and only while the stream that listed it is open: a walk reads each
 * entry's attributes once while its directory is open, and any later read asks the server.
 */
final class ListedAttributes {
    private final FileAttr attr;
    private final BooleanSupplier streamOpen;
    private final AtomicBoolean used = new AtomicBoolean();

    ListedAttributes(FileAttr attr, BooleanSupplier streamOpen) {
        this.attr = attr;
        this.streamOpen = streamOpen;
    }

    /** The listed attributes, or null if they no longer answer a read that follows links as said. */
    FileAttr take(boolean followLinks) {
        if ((followLinks && attr.isSymlink()) || !streamOpen.getAsBoolean() || !used.compareAndSet(false, true)) {
            return null;
        }
        return attr;
    }
}
