package io.lisa4j.client;

import io.lisa4j.protocol.value.FileAttr;

/**
 * How many bytes one PWRITE wrote, and the file's attributes afterwards. A write served locally
 * on a donated descriptor (PROTOCOL.md §3.3) reads them with fstat on that descriptor right after
 * the write, so {@code attr} is never null and means what PWRITE's reply means.
 */
public record WriteResult(int written, FileAttr attr) {}
