package io.lisa4j.protocol.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the schema: its fields in declaration order, slot {@code i} being vtable entry
 * {@code i}. Fields are filled in after every type of the schema is known, since tables may name
 * tables declared later.
 */
public final class TableType {
    private final String name;
    private final List<FieldType> fields = new ArrayList<>();

    TableType(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    List<FieldType> fields() {
        return fields;
    }

    void add(FieldType field) {
        fields.add(field);
    }

    @Override
    public String toString() {
        return "table " + name;
    }
}
