package io.lisa4j.protocol.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the part of the FlatBuffers IDL the protocol schema uses: {@code namespace}, {@code enum},
 * {@code struct}, {@code table}, field defaults and attributes. Anything else is an error, so a
 * schema change the verifier cannot follow fails the build's tests instead of going unchecked.
 */
final class SchemaParser {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|//[^\\n]*|([A-Za-z_][A-Za-z0-9_.]*|-?[0-9][0-9A-Za-z_.+-]*|\"[^\"]*\"|[{}:;\\[\\]=(),])");
    private static final Map<String, Integer> SCALARS = Map.ofEntries(
            Map.entry("bool", 1), Map.entry("byte", 1), Map.entry("ubyte", 1), Map.entry("int8", 1),
            Map.entry("uint8", 1), Map.entry("short", 2), Map.entry("ushort", 2), Map.entry("int16", 2),
            Map.entry("uint16", 2), Map.entry("int", 4), Map.entry("uint", 4), Map.entry("int32", 4),
            Map.entry("uint32", 4), Map.entry("float", 4), Map.entry("float32", 4), Map.entry("long", 8),
            Map.entry("ulong", 8), Map.entry("int64", 8), Map.entry("uint64", 8), Map.entry("double", 8),
            Map.entry("float64", 8));

    private record FieldDecl(String type, boolean vector) {}

    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private final Map<String, Integer> enums = new HashMap<>();
    private final Map<String, List<FieldDecl>> structDecls = new LinkedHashMap<>();
    private final Map<String, List<FieldDecl>> tableDecls = new LinkedHashMap<>();
    private final Map<String, FieldType.Inline> structs = new HashMap<>();

    SchemaParser(String text) {
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("schema: unexpected character at offset " + at);
            }
            if (m.group(1) != null) {
                tokens.add(m.group(1));
            }
            at = m.end();
        }
    }

    Schema parse() {
        while (pos < tokens.size()) {
            String word = next();
            switch (word) {
                case "namespace", "include", "attribute", "file_identifier", "file_extension", "root_type" ->
                        skipPast(";");
                case "enum" -> parseEnum();
                case "struct" -> structDecls.put(next(), parseFields());
                case "table" -> tableDecls.put(next(), parseFields());
                default -> throw new IllegalArgumentException("schema: unsupported declaration '" + word + "'");
            }
        }
        Map<String, TableType> tables = new LinkedHashMap<>();
        tableDecls.keySet().forEach(name -> tables.put(name, new TableType(name)));
        structDecls.keySet().forEach(this::struct);
        tableDecls.forEach((name, fields) -> {
            for (FieldDecl f : fields) {
                tables.get(name).add(resolve(f, tables));
            }
        });
        return new Schema(tables);
    }

    private void parseEnum() {
        String name = next();
        expect(":");
        enums.put(name, scalar(next()));
        skipBlock();
    }

    private List<FieldDecl> parseFields() {
        skipAttributes();
        expect("{");
        List<FieldDecl> fields = new ArrayList<>();
        while (!peek().equals("}")) {
            next();
            expect(":");
            boolean vector = peek().equals("[");
            if (vector) {
                next();
            }
            String type = next();
            if (vector) {
                expect("]");
            }
            fields.add(new FieldDecl(type, vector));
            if (peek().equals("=")) {
                next();
                next();
            }
            skipAttributes();
            expect(";");
        }
        expect("}");
        return fields;
    }

    private FieldType resolve(FieldDecl f, Map<String, TableType> tables) {
        if (f.type().equals("string")) {
            return f.vector() ? new FieldType.TextVector() : new FieldType.Text();
        }
        TableType table = tables.get(f.type());
        if (table != null) {
            return f.vector() ? new FieldType.TableVector(table) : new FieldType.Nested(table);
        }
        FieldType.Inline inline = inline(f.type());
        return f.vector() ? new FieldType.InlineVector(inline.size()) : inline;
    }

    private FieldType.Inline inline(String type) {
        if (SCALARS.containsKey(type)) {
            int size = SCALARS.get(type);
            return new FieldType.Inline(size, size);
        }
        if (enums.containsKey(type)) {
            int size = enums.get(type);
            return new FieldType.Inline(size, size);
        }
        if (structDecls.containsKey(type)) {
            return struct(type);
        }
        throw new IllegalArgumentException("schema: unknown type " + type);
    }

    /** A struct's size and alignment: each field at its own alignment, the whole padded to the largest. */
    private FieldType.Inline struct(String name) {
        FieldType.Inline known = structs.get(name);
        if (known != null) {
            return known;
        }
        int size = 0;
        int align = 1;
        for (FieldDecl f : structDecls.get(name)) {
            if (f.vector()) {
                throw new IllegalArgumentException("schema: struct " + name + " has a vector field");
            }
            FieldType.Inline field = inline(f.type());
            size = roundUp(size, field.align()) + field.size();
            align = Math.max(align, field.align());
        }
        FieldType.Inline result = new FieldType.Inline(roundUp(size, align), align);
        structs.put(name, result);
        return result;
    }

    private static int roundUp(int n, int align) {
        return (n + align - 1) / align * align;
    }

    private int scalar(String type) {
        Integer size = SCALARS.get(type);
        if (size == null) {
            throw new IllegalArgumentException("schema: not a scalar type " + type);
        }
        return size;
    }

    private void skipAttributes() {
        if (peek().equals("(")) {
            skipPast(")");
        }
    }

    private void skipBlock() {
        skipAttributes();
        expect("{");
        skipPast("}");
    }

    private void skipPast(String token) {
        while (!next().equals(token)) {
            // skip
        }
    }

    private String peek() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("schema: unexpected end");
        }
        return tokens.get(pos);
    }

    private String next() {
        String token = peek();
        pos++;
        return token;
    }

    private void expect(String token) {
        String got = next();
        if (!got.equals(token)) {
            throw new IllegalArgumentException("schema: expected '" + token + "', got '" + got + "'");
        }
    }
}
