package io.lisa4j.server.config;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the daemon's YAML config file ({@code --config FILE}). YAML because the daemon mostly runs
 * as a Kubernetes sidecar, where its config lives in a ConfigMap next to the pod's other YAML;
 * parsed as YAML 1.2 (SnakeYAML Engine: no {@code no} becoming false, no object construction,
 * duplicate keys refused), then every key is checked, so a misspelt key fails the start.
 */
public final class YamlConfig {
    private YamlConfig() {}

    public static Settings load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document;
            try {
                LoadSettings settings = LoadSettings.builder().setLabel(file.toString())
                        .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).build();
                document = new Load(settings).loadFromReader(reader);
            } catch (YamlEngineException e) {
                throw new ConfigException(file.toString(), "not valid YAML: " + e.getMessage());
            }
            if (document == null) {
                return Settings.EMPTY;
            }
            return parse(new ConfigNode("", document));
        }
    }

    static Settings parse(ConfigNode root) {
        List<ExportSpec> exports = exports(root);
        List<ListenAddress> listen = null;
        List<String> addresses = root.strings("listen");
        if (addresses != null) {
            listen = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                listen.add(Check.listen(root.key("listen") + "[" + i + "]", addresses.get(i)));
            }
        }
        ListenAddress.Tcp metrics = Check.tcp(root.key("metrics"), root.string("metrics"));
        var drain = Check.duration(root.key("drain_timeout"), root.string("drain_timeout"));
        Integer workers = Check.atLeast(root.key("workers"), root.integer("workers"), 1);
        Integer ioThreads = Check.atLeast(root.key("io_threads"), root.integer("io_threads"), 0);

        Integer maxMessage = null;
        Integer maxInFlight = null;
        Integer maxHandles = null;
        ConfigNode limits = root.node("limits");
        if (limits != null) {
            maxMessage = Check.messageSize(limits.key("max_message_size"), limits.integer("max_message_size"));
            maxInFlight = Check.atLeast(limits.key("max_in_flight"), limits.integer("max_in_flight"), 1);
            maxHandles = Check.atLeast(limits.key("max_handles"), limits.integer("max_handles"), 1);
            limits.rejectUnknownKeys();
        }

        Log.Level level = null;
        Boolean access = null;
        ConfigNode log = root.node("log");
        if (log != null) {
            String name = log.string("level");
            if (name != null) {
                try {
                    level = Log.Level.parse(name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(log.key("level"), e.getMessage());
                }
            }
            access = log.bool("access");
            log.rejectUnknownKeys();
        }

        TlsSettings tls = tls(root.node("tls"));
        AuthorizationSettings authorization = authorization(root.node("authorization"));
        root.rejectUnknownKeys();
        return new Settings(exports, listen, metrics, drain, maxMessage, maxInFlight, maxHandles, workers, ioThreads,
                level, access, tls, authorization);
    }

    private static List<ExportSpec> exports(ConfigNode root) {
        List<ConfigNode> nodes = root.nodes("exports");
        if (nodes == null) {
            return null;
        }
        List<ExportSpec> exports = new ArrayList<>();
        for (ConfigNode n : nodes) {
            String name = n.string("name");
            String path = n.string("path");
            Boolean readOnly = n.bool("read_only");
            n.rejectUnknownKeys();
            exports.add(Check.export(n.key(name == null ? "name" : "path"), name, path,
                    readOnly != null && readOnly));
        }
        return exports;
    }

    private static TlsSettings tls(ConfigNode node) {
        if (node == null) {
            return null;
        }
        Path cert = file(node, "certificate");
        Path key = file(node, "private_key");
        Path ca = file(node, "client_ca");
        node.rejectUnknownKeys();
        if (cert == null || key == null) {
            throw new ConfigException(node.key(cert == null ? "certificate" : "private_key"),
                    "TLS needs both certificate and private_key");
        }
        return new TlsSettings(cert, key, ca);
    }

    private static Path file(ConfigNode node, String name) {
        String value = node.string(name);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new ConfigException(node.key(name), path + " is not a readable file");
        }
        return path;
    }

    private static AuthorizationSettings authorization(ConfigNode node) {
        if (node == null) {
            return null;
        }
        List<Integer> uids = new ArrayList<>();
        List<Object> rawUids = node.list("unix_uids");
        if (rawUids != null) {
            for (int i = 0; i < rawUids.size(); i++) {
                if (!(rawUids.get(i) instanceof Integer uid) || uid < 0) {
                    throw new ConfigException(node.key("unix_uids") + "[" + i + "]",
                            "expected a uid (a non-negative integer), got '" + rawUids.get(i) + "'");
                }
                uids.add(uid);
            }
        }
        List<String> subjects = node.strings("client_subjects");
        node.rejectUnknownKeys();
        return new AuthorizationSettings(uids, subjects == null ? List.of() : subjects);
    }
}
