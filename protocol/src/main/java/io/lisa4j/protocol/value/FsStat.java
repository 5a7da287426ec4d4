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
        long fsid) {

    /** statfs(2)'s ST_RDONLY bit in {@code flags}. */
    public static final long ST_RDONLY = 1;

    /** The same figures as seen through a read-only export: ST_RDONLY set. */
    public FsStat asReadOnly() {
        return new FsStat(type, blockSize, blocks, blocksFree, blocksAvailable, files, filesFree, nameMax,
                fragmentSize, flags | ST_RDONLY, fsid);
    }
}
