package io.lisa4j.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An extended attribute's name as the bytes it is (PROTOCOL.md §8.2.0: names are bytes, as on
 * Linux, and need not be UTF-8). {@link #of(String)} is the UTF-8 convenience the String forms of
 * the xattr calls use; a name listed by the server keeps its exact bytes, so it can be read,
 * written and removed again whatever they are.
 */
public final class XattrName {
    private final byte[] bytes;

    private XattrName(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The name with these exact bytes (copied). */
    public static XattrName of(byte[] bytes) {
        return new XattrName(bytes.clone());
    }

    /** The name as UTF-8 bytes: {@code user.comment}. */
    public static XattrName of(String name) {
        return new XattrName(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The name's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The name decoded as UTF-8, with U+FFFD for bytes that are not: for display, not for calls. */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the bytes are valid UTF-8, so that {@link #asString()} names this same attribute. */
    public boolean isUtf8() {
        return Arrays.equals(bytes, asString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XattrName other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The name itself when it is UTF-8, else its bytes in hex: {@code user.\xff}. */
    @Override
    public String toString() {
        if (isUtf8()) {
            return asString();
        }
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append("\\x").append(HexFormat.of().toHexDigits(b));
            }
        }
        return out.toString();
    }
}
