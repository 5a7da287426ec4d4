package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.Timespec;
import io.lisa4j.protocol.value.Timestamp;
import io.lisa4j.server.spi.SetAttrSpec;
import java.nio.ByteBuffer;

/** Bounded readers for request fields that several opcodes share, with the errno Linux gives for each limit. */
final class Requests {
    private Requests() {}

    static byte[] xattrName(ByteBuffer vector) throws ErrnoException {
        return WireValues.boundedBytes(vector, ProtocolConstants.MAX_XATTR_NAME, Errno.ERANGE, "xattr name");
    }

    static byte[] xattrValue(ByteBuffer vector) throws ErrnoException {
        return WireValues.boundedBytes(vector, ProtocolConstants.MAX_XATTR_VALUE, Errno.E2BIG, "xattr value");
    }

    static byte[] symlinkTarget(ByteBuffer vector) throws ErrnoException {
        return WireValues.boundedBytes(vector, ProtocolConstants.MAX_SYMLINK_TARGET, Errno.ENAMETOOLONG,
                "symlink target");
    }

    /** A Timespec field; absent means the epoch, nanoseconds beyond a second are EINVAL as for utimensat. */
    static Timestamp timestamp(Timespec t) throws ErrnoException {
        if (t == null) {
            return Timestamp.EPOCH;
        }
        long nsec = t.nsec();
        if (nsec > 999_999_999L) {
            throw new ErrnoException(Errno.EINVAL, "nanoseconds " + nsec);
        }
        return new Timestamp(t.sec(), (int) nsec);
    }

    static SetAttrSpec setAttr(long mask, long mode, long uid, long gid, long size, Timespec atime, Timespec mtime)
            throws ErrnoException {
        if ((mask & ~ProtocolConstants.SETATTR_ALL) != 0) {
            throw new ErrnoException(Errno.EINVAL, "setattr mask " + Long.toHexString(mask));
        }
        return new SetAttrSpec((int) mask, (int) mode, (int) uid, (int) gid, size, timestamp(atime), timestamp(mtime));
    }

    /** A u32 count or mode that the SPI takes as an int. */
    static int u32(long value) {
        return (int) value;
    }
}
