package io.lisa4j.server.spi;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Timestamp;

/**
 * The fields of one SETATTR call. Only fields whose SETATTR_* bit is in {@code mask} are applied;
 * ATIME_NOW/MTIME_NOW set the time to the current time and take precedence over ATIME/MTIME.
 */
public record SetAttrSpec(int mask, int mode, int uid, int gid, long size, Timestamp atime, Timestamp mtime) {
    public boolean has(int bit) {
        return (mask & bit) != 0;
    }

    public boolean changesTimes() {
        return (mask & (ProtocolConstants.SETATTR_ATIME | ProtocolConstants.SETATTR_MTIME
                | ProtocolConstants.SETATTR_ATIME_NOW | ProtocolConstants.SETATTR_MTIME_NOW)) != 0;
    }
}
