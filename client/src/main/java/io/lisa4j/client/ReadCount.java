package io.lisa4j.client;

/**
 * How many bytes one PREAD placed in the caller's buffer, and whether it ended at end of file. On a
 * donated descriptor (PROTOCOL.md §3.3) the end of file shows as read(2) shows it: a short read.
 */
public record ReadCount(int count, boolean eof) {}
