package io.lisa4j.client;

/**
 * How many bytes one PREAD placed in the caller's buffer, and whether it ended at end of file, as
 * PREAD's {@code eof} (PROTOCOL.md §8.3.2), on a donated descriptor (§3.3) too (there, a file
 * another party shrank meanwhile may show its end only on the next read).
 */
public record ReadCount(int count, boolean eof) {}
