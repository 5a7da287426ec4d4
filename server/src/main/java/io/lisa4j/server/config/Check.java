package io.lisa4j.server.config;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Validation shared by the config file and the CLI: both turn their text into the same values
 * here, each naming its own key ({@code limits.max_in_flight}, {@code --max-in-flight}) in the error.
 */
public final class Check {
    private Check() {}

    public static Integer atLeast(String key, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigException(key, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    public static Integer messageSize(String key, Integer value) {
        return atLeast(key, value, ProtocolConstants.MIN_MAX_MESSAGE);
    }

    public static ListenAddress listen(String key, String spec) {
        try {
            return ListenAddress.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    public static ListenAddress.Tcp tcp(String key, String spec) {
        if (spec == null) {
            return null;
        }
        if (listen(key, spec) instanceof ListenAddress.Tcp tcp) {
            return tcp;
        }
        throw new ConfigException(key, "must be tcp:HOST:PORT, got " + spec);
    }

    public static ExportSpec export(String key, String name, String directory, boolean readOnly) {
        if (name == null || name.isEmpty()) {
            throw new ConfigException(key, "an export needs a name");
        }
        if (directory == null || directory.isEmpty()) {
            throw new ConfigException(key, "export " + name + " needs a directory");
        }
        Path path = Path.of(directory).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new ConfigException(key, "export " + name + ": " + path + " is not a directory");
        }
        return ExportSpec.host(name, path.toString(), readOnly);
    }

    public static Long atLeast(String key, Long value, long min) {
        if (value != null && value < min) {
            throw new ConfigException(key, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** {@code NAME=DIR}, {@code NAME=DIR:ro} or {@code NAME=DIR:rw}, as {@code --export} takes it. */
    public static ExportSpec export(String key, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new ConfigException(key, "wants NAME=DIR[:ro], got " + value);
        }
        String dir = value.substring(eq + 1);
        boolean readOnly = dir.endsWith(":ro");
        if (readOnly || dir.endsWith(":rw")) {
            dir = dir.substring(0, dir.length() - 3);
        }
        return export(key, value.substring(0, eq), dir, readOnly);
    }

    /** {@code PRINCIPAL[:ro|:rw]}: {@code tls:NAME}, {@code uid:N}, {@code gid:N} or {@code anonymous}. */
    public static Grant grant(String key, String text) {
        try {
            return Grant.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** Permission bits in octal: {@code 0600}, {@code 660}. */
    public static Integer socketMode(String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            int mode = Integer.parseInt(text.trim(), 8);
            if (mode >= 0 && (mode & ~0777) == 0) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "expected octal permission bits like 0600, got " + text);
    }

    public static Path readable(String key, String file) {
        if (file == null) {
            return null;
        }
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new ConfigException(key, path + " is not a readable file");
        }
        return path;
    }

    public static Log.Level logLevel(String key, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Log.Level.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** A duration (see {@link #duration}) that must be longer than zero. */
    public static Duration positiveDuration(String key, String text) {
        Duration d = duration(key, text);
        if (d != null && d.isZero()) {
            throw new ConfigException(key, "must be longer than zero");
        }
        return d;
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    public static Duration duration(String key, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return nonNegative(key, Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim())));
            }
            if (t.endsWith("s")) {
                return nonNegative(key, Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim())));
            }
            if (t.endsWith("m")) {
                return nonNegative(key, Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim())));
            }
            return nonNegative(key, Duration.ofSeconds(Long.parseLong(t)));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a duration like 10s, 500ms or 2m, got " + text);
        }
    }

    private static Duration nonNegative(String key, Duration d) {
        if (d.isNegative()) {
            throw new ConfigException(key, "must not be negative");
        }
        return d;
    }
}
