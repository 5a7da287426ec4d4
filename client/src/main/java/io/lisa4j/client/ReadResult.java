package io.lisa4j.client;

/**
 * The bytes one PREAD returned, and whether the read ended at end of file. The array belongs to
 * the caller; the record does not copy it.
 */
public record ReadResult(byte[] data, boolean eof) {
    public int count() {
        return data.length;
    }
}
