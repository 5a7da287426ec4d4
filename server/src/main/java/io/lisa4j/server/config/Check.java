package io.lisa4j.server.config;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Validation shared by the config file and the CLI, each naming its own key in the error. */
final class Check {
    private Check() {}

    static Integer atLeast(String key, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigException(key, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    static Integer messageSize(String key, Integer value) {
        return atLeast(key, value, ProtocolConstants.MIN_MAX_MESSAGE);
    }

    static ListenAddress listen(String key, String spec) {
        try {
            return ListenAddress.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    static ListenAddress.Tcp tcp(String key, String spec) {
        if (spec == null) {
            return null;
        }
        if (listen(key, spec) instanceof ListenAddress.Tcp tcp) {
            return tcp;
        }
        throw new ConfigException(key, "must be tcp:HOST:PORT, got " + spec);
    }

    static ExportSpec export(String key, String name, String directory, boolean readOnly) {
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

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    static Duration duration(String key, String text) {
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
