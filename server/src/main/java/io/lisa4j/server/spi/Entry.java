package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.FileAttr;

/** The result of a call that made a directory entry: the object, and its parent afterwards. */
public record Entry(FileAttr attr, FileAttr parent) {}
