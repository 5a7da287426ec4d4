package io.lisa4j.protocol.value;

import io.lisa4j.protocol.ProtocolConstants;

/**
 * The statx(2) view of a file. {@code mode} holds the type bits and the permission bits;
 * {@code mask} says which fields the server filled (STATX_* bits).
 */
public record FileAttr(
        int mask,
        int mode,
        long nlink,
        int uid,
        int gid,
        int blksize,
        long ino,
        long size,
        long blocks,
        Timestamp atime,
        Timestamp mtime,
        Timestamp ctime,
        Timestamp btime,
        int rdevMajor,
        int rdevMinor,
        int devMajor,
        int devMinor) {

    public int type() {
        return mode & ProtocolConstants.S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == ProtocolConstants.S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == ProtocolConstants.S_IFREG;
    }

    public boolean isSymlink() {
        return type() == ProtocolConstants.S_IFLNK;
    }

    public boolean hasBirthTime() {
        return (mask & ProtocolConstants.STATX_BTIME) != 0;
    }
}
