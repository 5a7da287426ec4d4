package io.lisa4j.server.log;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One logfmt line per event on stderr ({@code ts=… level=info event=listen addr=unix:/x}). An
 * operator greps these or feeds them to a collector; no framework is worth its weight for that.
 */
public final class Log {
    private static volatile PrintStream out = System.err;
    private static volatile boolean debug = Boolean.getBoolean("lisa4j.debug");

    private Log() {}

    public static void info(String event, Object... keyValues) {
        write("info", event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        write("warn", event, keyValues);
    }

    public static void error(String event, Object... keyValues) {
        write("error", event, keyValues);
    }

    public static void debug(String event, Object... keyValues) {
        if (debug) {
            write("debug", event, keyValues);
        }
    }

    public static void setDebug(boolean enabled) {
        debug = enabled;
    }

    /** Where lines go; tests and embedders may redirect them. */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    static String format(String level, String event, Object... keyValues) {
        StringBuilder line = new StringBuilder(96);
        line.append("ts=").append(Instant.now()).append(" level=").append(level).append(" event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=');
            appendValue(line, String.valueOf(keyValues[i + 1]));
        }
        return line.toString();
    }

    private static void write(String level, String event, Object... keyValues) {
        String line = format(level, event, keyValues);
        PrintStream stream = out;
        // One println per line keeps lines from different threads whole.
        stream.println(line);
    }

    private static void appendValue(StringBuilder line, String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c <= ' ' || c == '"' || c == '=' || c == '\\';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c < ' ' ? '?' : c);
            }
        }
        line.append('"');
    }
}
