package io.lisa4j.server.config;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
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
                throw new ConfigException(file.toString(), "not valid YAML: " + oneLine(e));
            }
            if (document == null) {
                return Settings.EMPTY;
            }
            return parse(new ConfigNode("", document));
        }
    }

    static Settings parse(ConfigNode root) {
        YamlExports exports = YamlExports.read(root);
        List<ListenAddress> listen = null;
        List<String> addresses = root.strings("listen");
        if (addresses != null) {
            listen = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                listen.add(Check.listen(root.key("listen") + "[" + i + "]", addresses.get(i)));
            }
        }
        List<Integer> inheritFds = root.integers("inherit_fd");
        if (inheritFds != null) {
            for (int i = 0; i < inheritFds.size(); i++) {
                Check.atLeast(root.key("inherit_fd") + "[" + i + "]", inheritFds.get(i), 0);
            }
        }
        Integer socketMode = Check.socketMode(root.key("socket_mode"), root.string("socket_mode"));
        ListenAddress.Tcp metrics = Check.tcp(root.key("metrics"), root.string("metrics"));
        var drain = Check.duration(root.key("drain_timeout"), root.string("drain_timeout"));
        Integer workers = Check.atLeast(root.key("workers"), root.integer("workers"), 1);
        Integer ioThreads = Check.atLeast(root.key("io_threads"), root.integer("io_threads"), 0);
        Boolean inlineMetadata = root.bool("inline_metadata");
        LimitSettings limits = limits(root.node("limits"));

        Log.Level level = null;
        Boolean access = null;
        ConfigNode log = root.node("log");
        if (log != null) {
            level = Check.logLevel(log.key("level"), log.string("level"));
            access = log.bool("access");
            log.rejectUnknownKeys();
        }

        TlsSettings tls = tls(root.node("tls"));
        Boolean insecureTcp = root.bool("insecure_tcp");
        root.rejectUnknownKeys();
        return new Settings(exports.exports(), listen, inheritFds, socketMode, metrics, drain, workers, ioThreads,
                inlineMetadata, level, access, limits, tls, insecureTcp, exports.access());
    }

    private static LimitSettings limits(ConfigNode n) {
        if (n == null) {
            return LimitSettings.EMPTY;
        }
        LimitSettings limits = new LimitSettings(
                Check.messageSize(n.key("max_message_size"), n.integer("max_message_size")),
                Check.atLeast(n.key("max_in_flight"), n.integer("max_in_flight"), 1),
                Check.atLeast(n.key("max_handles"), n.integer("max_handles"), 1),
                Check.atLeast(n.key("max_connections"), n.integer("max_connections"), 1),
                Check.atLeast(n.key("max_server_handles"), n.integer("max_server_handles"), 1),
                Check.atLeast(n.key("max_bytes_in_flight"), n.longInteger("max_bytes_in_flight"), 1L),
                Check.positiveDuration(n.key("handshake_timeout"), n.string("handshake_timeout")),
                Check.positiveDuration(n.key("idle_timeout"), n.string("idle_timeout")));
        n.rejectUnknownKeys();
        return limits;
    }

    /** Either {@code dir} (as {@code lisa4j certs} wrote it) or the three files; mutual TLS needs {@code client_ca}. */
    private static TlsSettings tls(ConfigNode node) {
        if (node == null) {
            return null;
        }
        String dir = node.string("dir");
        Path cert = Check.readable(node.key("certificate"), node.string("certificate"));
        Path key = Check.readable(node.key("private_key"), node.string("private_key"));
        Path ca = Check.readable(node.key("client_ca"), node.string("client_ca"));
        node.rejectUnknownKeys();
        if (dir != null) {
            if (cert != null || key != null || ca != null) {
                throw new ConfigException(node.key("dir"), "give either dir or certificate, private_key and client_ca");
            }
            return TlsSettings.inDir(node.key("dir"), dir);
        }
        String missing = cert == null ? "certificate" : key == null ? "private_key" : ca == null ? "client_ca" : null;
        if (missing != null) {
            throw new ConfigException(node.key(missing), "TLS needs certificate, private_key and client_ca "
                    + "(clients must present certificates), or dir");
        }
        return new TlsSettings(cert, key, ca);
    }

    /** SnakeYAML's message spans lines (a snippet, a caret): its problem and position, on one line. */
    private static String oneLine(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            String where = marked.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)).orElse("");
            return marked.getProblem() + where;
        }
        return e.getMessage().lines().findFirst().orElse("");
    }
}
