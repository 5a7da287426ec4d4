package io.lisa4j.client;

import io.lisa4j.protocol.value.FileAttr;

/** What a call that creates a directory entry returns: the new object and its parent afterwards. */
public record EntryResult(FileAttr attr, FileAttr parent) {}
