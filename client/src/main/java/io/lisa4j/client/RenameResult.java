package io.lisa4j.client;

import io.lisa4j.protocol.value.FileAttr;

/**
 * Both parents after a rename, the object now at the new path, and with RENAME_EXCHANGE the
 * object now at the old path ({@code exchanged}, null otherwise).
 */
public record RenameResult(FileAttr oldParent, FileAttr newParent, FileAttr attr, FileAttr exchanged) {}
