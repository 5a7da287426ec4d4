package io.lisa4j.protocol.value;

import io.lisa4j.protocol.ProtocolConstants;

/**
 * The fields SETATTR and FSETATTR change. {@code mask} holds the SETATTR_* bits of the fields that
 * apply; the others are ignored. Built with {@link #none()} and the {@code with*} methods, each of
 * which sets its field and its mask bit.
 */
public record AttrChange(int mask, int mode, int uid, int gid, long size, Timestamp atime, Timestamp mtime) {
    private static final AttrChange NONE = new AttrChange(0, 0, 0, 0, 0, Timestamp.EPOCH, Timestamp.EPOCH);

    public AttrChange {
        atime = atime == null ? Timestamp.EPOCH : atime;
        mtime = mtime == null ? Timestamp.EPOCH : mtime;
    }

    /** A change of nothing, the start of every chain. */
    public static AttrChange none() {
        return NONE;
    }

    public AttrChange withMode(int newMode) {
        return new AttrChange(mask | ProtocolConstants.SETATTR_MODE, newMode, uid, gid, size, atime, mtime);
    }

    public AttrChange withUid(int newUid) {
        return new AttrChange(mask | ProtocolConstants.SETATTR_UID, mode, newUid, gid, size, atime, mtime);
    }

    public AttrChange withGid(int newGid) {
        return new AttrChange(mask | ProtocolConstants.SETATTR_GID, mode, uid, newGid, size, atime, mtime);
    }

    public AttrChange withSize(long newSize) {
        return new AttrChange(mask | ProtocolConstants.SETATTR_SIZE, mode, uid, gid, newSize, atime, mtime);
    }

    public AttrChange withAtime(Timestamp t) {
        int m = (mask | ProtocolConstants.SETATTR_ATIME) & ~ProtocolConstants.SETATTR_ATIME_NOW;
        return new AttrChange(m, mode, uid, gid, size, t, mtime);
    }

    public AttrChange withMtime(Timestamp t) {
        int m = (mask | ProtocolConstants.SETATTR_MTIME) & ~ProtocolConstants.SETATTR_MTIME_NOW;
        return new AttrChange(m, mode, uid, gid, size, atime, t);
    }

    /** Sets atime to the server's current time (UTIME_NOW). */
    public AttrChange withAtimeNow() {
        int m = (mask | ProtocolConstants.SETATTR_ATIME_NOW) & ~ProtocolConstants.SETATTR_ATIME;
        return new AttrChange(m, mode, uid, gid, size, Timestamp.EPOCH, mtime);
    }

    /** Sets mtime to the server's current time (UTIME_NOW). */
    public AttrChange withMtimeNow() {
        int m = (mask | ProtocolConstants.SETATTR_MTIME_NOW) & ~ProtocolConstants.SETATTR_MTIME;
        return new AttrChange(m, mode, uid, gid, size, atime, Timestamp.EPOCH);
    }

    public boolean has(int maskBit) {
        return (mask & maskBit) != 0;
    }
}
