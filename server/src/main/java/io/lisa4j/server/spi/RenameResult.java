package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.FileAttr;

/**
 * Attributes after a rename: both parents, the object now at the new path, and with
 * RENAME_EXCHANGE the object now at the old path (null otherwise).
 */
public record RenameResult(FileAttr oldParent, FileAttr newParent, FileAttr attr, FileAttr exchanged) {}
