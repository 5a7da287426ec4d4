package io.lisa4j.protocol.verify;

import io.lisa4j.protocol.fb.Opcode;

/** The request table of each opcode (PROTOCOL.md §8), by the schema's naming rule. */
public final class RequestTypes {
    private final TableType[] byOpcode = new TableType[Opcode.names.length];

    private RequestTypes(Schema schema) {
        for (int op = 1; op < Opcode.names.length; op++) {
            String name = Opcode.names[op];
            if (name.isEmpty()) {
                continue;
            }
            TableType own = schema.table(name + "Request");
            byOpcode[op] = own != null ? own : schema.table("HandleRequest");
        }
    }

    private static final class Holder {
        static final RequestTypes INSTANCE = new RequestTypes(Schema.lisa4j());
    }

    public static RequestTypes lisa4j() {
        return Holder.INSTANCE;
    }

    /**
     * The table a request with {@code opcode} carries; null for an opcode the schema does not
     * define. FSTAT, FSTATFS, FREADLINK and FLISTXATTR, which have no table of their own, carry
     * {@code HandleRequest}.
     */
    public TableType of(int opcode) {
        return opcode > 0 && opcode < byOpcode.length ? byOpcode[opcode] : null;
    }
}
