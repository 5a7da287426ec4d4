package io.lisa4j.server.log;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One logfmt line per event on stderr ({@code ts=… level=info event=listen addr=unix:/x}). An
 * operator greps these or feeds them to a collector; no framework is worth its weight for that.
 */
public final class Log {
    private static volatile PrintStream out = System.err;
    private static volatile Level threshold = Boolean.getBoolean("lisa4j.debug") ? Level.DEBUG : Level.INFO;

    /** Severities, lowest first; lines below the configured one are dropped. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** {@code debug}, {@code info}, {@code warn} or {@code error}, any case. */
        public static Level parse(String name) {
            for (Level level : values()) {
                if (level.name().equalsIgnoreCase(name)) {
                    return level;
                }
            }
            throw new IllegalArgumentException("log level must be debug, info, warn or error, got " + name);
        }
    }

    private Log() {}

    public static void info(String event, Object... keyValues) {
        log(Level.INFO, event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        log(Level.WARN, event, keyValues);
    }

    public static void error(String event, Object... keyValues) {
        log(Level.ERROR, event, keyValues);
    }

    public static void debug(String event, Object... keyValues) {
        log(Level.DEBUG, event, keyValues);
    }

    public static boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public static void setDebug(boolean enabled) {
        threshold = enabled ? Level.DEBUG : Level.INFO;
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static Level level() {
        return threshold;
    }

    /** Writes whatever the threshold: for streams an operator switched on by name, like the access log. */
    static void always(String level, String event, Object... keyValues) {
        write(level, event, keyValues);
    }

    private static void log(Level level, String event, Object... keyValues) {
        if (enabled(level)) {
            write(level.name().toLowerCase(java.util.Locale.ROOT), event, keyValues);
        }
    }

    /** Text as it is, for a stack trace at debug level: the one place a record spans lines. */
    static void raw(String text) {
        out.println(text);
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
