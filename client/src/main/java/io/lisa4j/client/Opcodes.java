package io.lisa4j.client;

import io.lisa4j.protocol.fb.Opcode;

/** Opcode names for messages, without exposing the generated enum. */
final class Opcodes {
    private Opcodes() {}

    static String name(int opcode) {
        String name = opcode >= 0 && opcode <= Opcode.Freadlink ? Opcode.name(opcode) : "";
        return name.isEmpty() ? "opcode " + opcode : name.toUpperCase(java.util.Locale.ROOT);
    }
}
