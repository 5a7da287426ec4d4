package io.lisa4j.server.config;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.spi.ExportSpec;
import java.util.ArrayList;
import java.util.List;

/** The flags of {@code lisa4j serve} as given (null or empty when absent), checked into a {@link Settings} layer. */
public record CliSettings(
        List<String> exports,
        List<String> listen,
        String metrics,
        String drainTimeout,
        Integer maxMessageSize,
        Integer maxInFlight,
        Integer maxHandles,
        Integer workers,
        Integer ioThreads,
        String logLevel,
        Boolean accessLog) {

    public Settings toSettings() {
        List<ExportSpec> specs = null;
        if (!exports.isEmpty()) {
            specs = new ArrayList<>();
            for (String export : exports) {
                specs.add(export(export));
            }
        }
        List<ListenAddress> addresses = null;
        if (!listen.isEmpty()) {
            addresses = new ArrayList<>();
            for (String address : listen) {
                addresses.add(Check.listen("--listen", address));
            }
        }
        Log.Level level = null;
        if (logLevel != null) {
            try {
                level = Log.Level.parse(logLevel);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--log-level", e.getMessage());
            }
        }
        return new Settings(specs, addresses, Check.tcp("--metrics", metrics),
                Check.duration("--drain-timeout", drainTimeout),
                Check.messageSize("--max-message-size", maxMessageSize),
                Check.atLeast("--max-in-flight", maxInFlight, 1), Check.atLeast("--max-handles", maxHandles, 1),
                Check.atLeast("--workers", workers, 1), Check.atLeast("--io-threads", ioThreads, 0), level,
                accessLog, null, null);
    }

    /** {@code NAME=DIR}, {@code NAME=DIR:ro} or {@code NAME=DIR:rw}. */
    private static ExportSpec export(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new ConfigException("--export", "wants NAME=DIR[:ro], got " + value);
        }
        String dir = value.substring(eq + 1);
        boolean readOnly = dir.endsWith(":ro");
        if (readOnly || dir.endsWith(":rw")) {
            dir = dir.substring(0, dir.length() - 3);
        }
        return Check.export("--export", value.substring(0, eq), dir, readOnly);
    }
}
