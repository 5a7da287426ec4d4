package io.lisa4j.protocol.verify;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a FlatBuffers body is safe to read as a given table before any generated accessor
 * touches it, as the C++ Verifier does and the Java runtime does not: every offset lands inside
 * the body, tables and vtables are aligned and complete, every field fits in its table, vector and
 * string lengths fit in what follows them, strings are NUL-terminated UTF-8, sub-tables nest at most
 * {@link #MAX_DEPTH} deep and at most {@link #MAX_TABLES} tables are visited. Offsets and alignment
 * count from the body's first byte (PROTOCOL.md §2.4). Fields beyond the schema's are ignored, as
 * a newer peer may send them.
 */
public final class BodyVerifier {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_TABLES = 1_000_000;

    private final ByteBuffer buf;
    private final int base;
    private final int length;
    private int tables;

    private BodyVerifier(ByteBuffer body) {
        this.buf = body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.base = body.position();
        this.length = body.remaining();
    }

    /** Verifies {@code body} (position to limit) as a root {@code table}; EBADMSG if it is not valid. */
    public static void verify(ByteBuffer body, TableType table) throws ErrnoException {
        if (!valid(body, table)) {
            throw new ErrnoException(Errno.EBADMSG, "body is not a valid " + table.name());
        }
    }

    /** Whether {@code body} is a valid root {@code table}. An empty body is (§2.4: every field absent). */
    public static boolean valid(ByteBuffer body, TableType table) {
        if (body.remaining() == 0) {
            return true;
        }
        BodyVerifier v = new BodyVerifier(body);
        if (!v.aligned(0, 4) || !v.inside(0, 4)) {
            return false;
        }
        long root = v.u32(0);
        return v.table((int) Math.min(root, Integer.MAX_VALUE), table, 1);
    }

    private boolean table(int at, TableType type, int depth) {
        if (depth > MAX_DEPTH || ++tables > MAX_TABLES) {
            return false;
        }
        if (!aligned(at, 4) || !inside(at, 4)) {
            return false;
        }
        long vtable = (long) at - buf.getInt(base + at);
        if (vtable < 0 || vtable > length || !aligned(vtable, 2) || !inside(vtable, 4)) {
            return false;
        }
        int vt = (int) vtable;
        int vtableSize = u16(vt);
        int tableSize = u16(vt + 2);
        if (vtableSize < 4 || (vtableSize & 1) != 0 || !inside(vt, vtableSize)) {
            return false;
        }
        if (tableSize < 4 || !inside(at, tableSize)) {
            return false;
        }
        int slots = Math.min((vtableSize - 4) / 2, type.fields().size());
        for (int i = 0; i < slots; i++) {
            int fieldOffset = u16(vt + 4 + 2 * i);
            if (fieldOffset != 0 && !field(at, tableSize, fieldOffset, type.fields().get(i), depth)) {
                return false;
            }
        }
        return true;
    }

    private boolean field(int table, int tableSize, int fieldOffset, FieldType type, int depth) {
        if (fieldOffset < 4) {
            return false;
        }
        int at = table + fieldOffset;
        if (type instanceof FieldType.Inline inline) {
            return fieldOffset + inline.size() <= tableSize && aligned(at, inline.align());
        }
        if (fieldOffset + 4 > tableSize || !aligned(at, 4)) {
            return false;
        }
        long target = at + u32(at);
        if (u32(at) == 0 || target >= length) {
            return false;
        }
        int to = (int) target;
        return switch (type) {
            case FieldType.Text t -> string(to);
            case FieldType.InlineVector v -> vector(to, v.elementSize()) >= 0;
            case FieldType.TextVector t -> offsets(to, depth, null);
            case FieldType.TableVector v -> offsets(to, depth, v.element());
            case FieldType.Nested n -> table(to, n.table(), depth + 1);
            case FieldType.Inline i -> throw new AssertionError(i);
        };
    }

    /** A vector of uoffsets to strings ({@code element} null) or to tables. */
    private boolean offsets(int at, int depth, TableType element) {
        long count = vector(at, 4);
        if (count < 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int slot = at + 4 + 4 * i;
            long rel = u32(slot);
            long target = slot + rel;
            if (rel == 0 || target >= length) {
                return false;
            }
            boolean ok = element == null ? string((int) target) : table((int) target, element, depth + 1);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The element count of the vector at {@code at}, or -1 if it does not fit in the body. */
    private long vector(int at, int elementSize) {
        if (!aligned(at, 4) || !inside(at, 4)) {
            return -1;
        }
        long count = u32(at);
        long bytes = count * elementSize;
        return bytes <= length - at - 4L ? count : -1;
    }

    /** A string: length-prefixed, NUL-terminated, and UTF-8, which the generated accessors decode. */
    private boolean string(int at) {
        long count = vector(at, 1);
        if (count < 0 || !inside(at + 4L + count, 1) || buf.get(base + at + 4 + (int) count) != 0) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(buf.slice(base + at + 4, (int) count));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private boolean inside(long at, long size) {
        return at >= 0 && size >= 0 && at + size <= length;
    }

    private static boolean aligned(long at, int align) {
        return at % align == 0;
    }

    private long u32(int at) {
        return Integer.toUnsignedLong(buf.getInt(base + at));
    }

    private int u16(int at) {
        return Short.toUnsignedInt(buf.getShort(base + at));
    }
}
