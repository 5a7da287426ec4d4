package io.lisa4j.client;

import io.lisa4j.protocol.value.FileAttr;

/** How many bytes one PWRITE wrote, and the file's attributes afterwards. */
public record WriteResult(int written, FileAttr attr) {}
