package io.lisa4j.protocol.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The tables of {@code lisa4j.fbs}, read from the copy packaged with this module. */
public final class Schema {
    private static final String RESOURCE = "/io/lisa4j/protocol/lisa4j.fbs";

    private final Map<String, TableType> tables;

    Schema(Map<String, TableType> tables) {
        this.tables = Map.copyOf(tables);
    }

    private static final class Holder {
        static final Schema INSTANCE = load();
    }

    /** The schema this build's generated classes come from. */
    public static Schema lisa4j() {
        return Holder.INSTANCE;
    }

    /** Parses schema text; only the subset of the FlatBuffers IDL that lisa4j.fbs uses. */
    public static Schema parse(String text) {
        return new SchemaParser(text).parse();
    }

    /** The table called {@code name}, or null. */
    public TableType table(String name) {
        return tables.get(name);
    }

    private static Schema load() {
        try (InputStream in = Schema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
