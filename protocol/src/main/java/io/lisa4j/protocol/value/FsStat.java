package io.lisa4j.protocol.value;

/** statfs(2) of the filesystem holding a file. */
public record FsStat(
        long type,
        long blockSize,
        long blocks,
        long blocksFree,
        long blocksAvailable,
        long files,
        long filesFree,
        long nameMax,
        long fragmentSize,
        long flags,
        long fsid) {}
