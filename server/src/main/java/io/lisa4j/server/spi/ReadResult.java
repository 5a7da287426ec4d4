package io.lisa4j.server.spi;

/**
 * Bytes read by {@link BackendFile#pread}, and whether the read reached end of file, meaning a
 * read at {@code offset + count} would return nothing.
 */
public record ReadResult(int count, boolean eof) {}
