package io.lisa4j.protocol.verify;

/** What a table field holds, as far as checking its bytes needs to know. */
sealed interface FieldType {
    /** A scalar or a struct stored inline in the table: {@code size} bytes aligned to {@code align}. */
    record Inline(int size, int align) implements FieldType {}

    /** A string: a uoffset to a length-prefixed, NUL-terminated byte run. */
    record Text() implements FieldType {}

    /** A vector of inline elements of {@code elementSize} bytes. */
    record InlineVector(int elementSize) implements FieldType {}

    /** A vector of strings. */
    record TextVector() implements FieldType {}

    /** A vector of tables. */
    record TableVector(TableType element) implements FieldType {}

    /** A sub-table. */
    record Nested(TableType table) implements FieldType {}
}
