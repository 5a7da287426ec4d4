package io.lisa4j.protocol.value;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The caller a request acts for (PROTOCOL.md §3.2): a uid, a gid and supplementary groups. On the
 * wire, at the start of the data section of a request whose header has FLAG_CREDENTIALS: u32
 * uid, u32 gid, u32 group count, then that many u32 groups, little-endian.
 */
public record Credentials(int uid, int gid, int[] groups) {
    public Credentials {
        groups = groups.clone();
        if (groups.length > ProtocolConstants.MAX_CREDENTIAL_GROUPS) {
            throw new IllegalArgumentException("at most " + ProtocolConstants.MAX_CREDENTIAL_GROUPS + " groups");
        }
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public int encodedLength() {
        return 12 + 4 * groups.length;
    }

    public void write(ByteBuf out) {
        out.writeIntLE(uid).writeIntLE(gid).writeIntLE(groups.length);
        for (int g : groups) {
            out.writeIntLE(g);
        }
    }

    /** Reads a block from {@code in}'s readable bytes, consuming it; EBADMSG if it is cut short or too long. */
    public static Credentials read(ByteBuf in) throws ErrnoException {
        if (in.readableBytes() < 12) {
            throw new ErrnoException(Errno.EBADMSG, "credentials block cut short");
        }
        int uid = in.readIntLE();
        int gid = in.readIntLE();
        long count = in.readUnsignedIntLE();
        if (count > ProtocolConstants.MAX_CREDENTIAL_GROUPS || in.readableBytes() < 4 * count) {
            throw new ErrnoException(Errno.EBADMSG, "credentials block with " + count + " groups");
        }
        int[] groups = new int[(int) count];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = in.readIntLE();
        }
        return new Credentials(uid, gid, groups);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.uid == uid && c.gid == gid && Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "uid=" + Integer.toUnsignedString(uid) + ",gid=" + Integer.toUnsignedString(gid) + ",groups="
                + Arrays.toString(groups);
    }
}
