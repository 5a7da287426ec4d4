package io.lisa4j.server.metrics;

import io.lisa4j.protocol.fb.Opcode;
import java.util.Locale;

/** Opcodes as tags and log values: {@code stat}, {@code pread}, …, or {@code unknown}. */
public final class OpNames {
    static final String UNKNOWN = "unknown";
    private static final String[] NAMES = new String[Opcode.names.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = Opcode.names[i].isEmpty() ? UNKNOWN : Opcode.names[i].toLowerCase(Locale.ROOT);
        }
    }

    private OpNames() {}

    /** How many slots {@link #slot} uses: one per opcode, one for the unknown ones. */
    static int slots() {
        return NAMES.length + 1;
    }

    static int slot(int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? opcode : NAMES.length;
    }

    static String ofSlot(int slot) {
        return slot < NAMES.length ? NAMES[slot] : UNKNOWN;
    }

    public static String of(int opcode) {
        return ofSlot(slot(opcode));
    }
}
