package io.lisa4j.protocol.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One directory entry from GETDENTS. {@code name} is raw bytes; {@code cookie} resumes the listing
 * after this entry; {@code attr} is present only when the caller asked for attributes.
 */
public record DirEntry(byte[] name, long ino, int type, long cookie, FileAttr attr) {
    public DirEntry {
        name = name.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** The name decoded as UTF-8, for display; Linux names are bytes and may not be valid text. */
    public String nameAsString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirEntry d
                && Arrays.equals(name, d.name)
                && ino == d.ino
                && type == d.type
                && cookie == d.cookie
                && java.util.Objects.equals(attr, d.attr);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name) * 31 + Long.hashCode(ino);
    }

    @Override
    public String toString() {
        return "DirEntry[" + nameAsString() + ", ino=" + ino + ", type=" + type + ", cookie=" + cookie + "]";
    }
}
