package io.lisa4j.client;

/** How many bytes one PREAD placed in the caller's buffer, and whether it ended at end of file. */
public record ReadCount(int count, boolean eof) {}
