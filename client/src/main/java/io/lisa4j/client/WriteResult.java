package io.lisa4j.client;

import io.lisa4j.protocol.value.FileAttr;

/**
 * How many bytes one PWRITE wrote, and the file's attributes afterwards. A write served locally
 * on a donated descriptor (PROTOCOL.md §3.3) has no server reply and so no attributes: {@code attr}
 * is null; ask {@link RemoteFile#fstat()} or {@link RemoteFile#size()} when needed.
 */
public record WriteResult(int written, FileAttr attr) {}
