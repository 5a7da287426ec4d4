package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.FileAttr;

/**
 * The result of OPEN: the open file, its attributes, whether this call created it, and (only
 * then) the parent directory's attributes afterwards.
 */
public record Opened(BackendFile file, FileAttr attr, boolean created, FileAttr parent) {}
