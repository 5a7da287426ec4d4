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
        byte[] name = WireValues.boundedBytes(vector, ProtocolConstants.MAX_XATTR_NAME, Errno.ERANGE, "xattr name");
        for (byte b : name) {
            if (b == 0) {
                // The host takes names as C strings: a NUL would silently cut the name short.
                throw new ErrnoException(Errno.EINVAL, "xattr name holds NUL");
            }
        }
        return name;
    }

    /** XATTR_CREATE or XATTR_REPLACE or neither; both at once, or any other bit, is EINVAL. */
    static int xattrFlags(long flags) throws ErrnoException {
        if ((flags & ~(long) (ProtocolConstants.XATTR_CREATE | ProtocolConstants.XATTR_REPLACE)) != 0
                || flags == (ProtocolConstants.XATTR_CREATE | ProtocolConstants.XATTR_REPLACE)) {
            throw new ErrnoException(Errno.EINVAL, "setxattr flags " + flags);
        }
        return (int) flags;
    }

    /**
     * FALLOCATE's mode and range (PROTOCOL.md §8.3.6): only allocation, KEEP_SIZE and
     * KEEP_SIZE|PUNCH_HOLE; the range must be non-empty and end below 2^63.
     */
    static int fallocateMode(long mode, long offset, long length) throws ErrnoException {
        long known = ProtocolConstants.FALLOC_FL_KEEP_SIZE | ProtocolConstants.FALLOC_FL_PUNCH_HOLE;
        if ((mode & ~known) != 0) {
            throw new ErrnoException(Errno.EOPNOTSUPP, "fallocate mode " + mode);
        }
        if (mode == ProtocolConstants.FALLOC_FL_PUNCH_HOLE) {
            throw new ErrnoException(Errno.EINVAL, "PUNCH_HOLE needs KEEP_SIZE");
        }
        if (length <= 0 || offset < 0 || offset + length < 0) {
            throw new ErrnoException(Errno.EINVAL, "fallocate range");
        }
        return (int) mode;
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
        if ((mask & ProtocolConstants.SETATTR_SIZE) != 0 && size < 0) {
            throw new ErrnoException(Errno.EINVAL, "size above 2^63-1");
        }
        return new SetAttrSpec((int) mask, (int) mode, (int) uid, (int) gid, size, timestamp(atime), timestamp(mtime));
    }

    /** A u32 count or mode that the SPI takes as an int. */
    static int u32(long value) {
        return (int) value;
    }
}
