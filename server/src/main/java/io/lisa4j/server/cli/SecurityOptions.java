package io.lisa4j.server.cli;

import io.lisa4j.server.config.Check;
import io.lisa4j.server.config.ConfigException;
import io.lisa4j.server.config.ExportAccessSettings;
import io.lisa4j.server.config.PerExport;
import io.lisa4j.server.config.TlsSettings;
import io.lisa4j.server.security.Grant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code serve} flags about who may connect and mount, and how: each one left out falls back
 * to the config file. A repeatable flag given at all replaces the file's whole setting.
 */
final class SecurityOptions {
    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "TLS for TCP listeners from DIR/ca.pem, DIR/server.pem, DIR/server-key.pem (see 'lisa4j certs').")
    Path tlsDir;

    @Option(names = "--insecure-tcp", negatable = true,
            description = "Allow TCP listeners without TLS: anyone who reaches the port is an anonymous client.")
    Boolean insecureTcp;

    @Option(names = "--allow", paramLabel = "EXPORT=PRINCIPAL[:ro|:rw]",
            description = "Let PRINCIPAL (tls:NAME, uid:N, gid:N, anonymous) mount EXPORT. Repeatable. "
                    + "An export without any --allow is open to the server's own uid (and root) only.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--delegate-credentials", paramLabel = "EXPORT",
            description = "Run EXPORT's calls with the uid/gid/groups each request carries (server must be root). Repeatable.")
    List<String> delegate = new ArrayList<>();

    @Option(names = "--allow-setid", paramLabel = "EXPORT",
            description = "Let clients set setuid/setgid bits on EXPORT (refused with EPERM by default). Repeatable.")
    List<String> allowSetId = new ArrayList<>();

    @Option(names = "--allow-security-xattrs", paramLabel = "EXPORT",
            description = "Let clients change security.* extended attributes on EXPORT (EPERM by default). Repeatable.")
    List<String> allowSecurityXattrs = new ArrayList<>();

    @Option(names = "--socket-mode", paramLabel = "OCTAL", description = "Mode of Unix socket files (default 0600).")
    String socketMode;

    @Option(names = "--inherit-fd", paramLabel = "N",
            description = "Serve the already-connected Unix socket N (one end of a launcher's socketpair). Repeatable.")
    List<Integer> inheritFds = new ArrayList<>();

    TlsSettings tls() {
        if (tlsDir == null) {
            return null;
        }
        return TlsSettings.inDir("--tls-dir", tlsDir.toString());
    }

    Boolean insecureTcp() {
        return insecureTcp;
    }

    Integer socketMode() {
        return Check.socketMode("--socket-mode", socketMode);
    }

    List<Integer> inheritFds() {
        if (inheritFds.isEmpty()) {
            return null;
        }
        inheritFds.forEach(fd -> Check.atLeast("--inherit-fd", fd, 0));
        return List.copyOf(inheritFds);
    }

    ExportAccessSettings access() {
        return new ExportAccessSettings(grants(), flags("--delegate-credentials", delegate),
                flags("--allow-setid", allowSetId), flags("--allow-security-xattrs", allowSecurityXattrs));
    }

    private PerExport<List<Grant>> grants() {
        if (allow.isEmpty()) {
            return null;
        }
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        for (String entry : allow) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--allow", "wants EXPORT=PRINCIPAL[:ro|:rw], got " + entry);
            }
            grants.computeIfAbsent(entry.substring(0, eq), e -> new ArrayList<>())
                    .add(Check.grant("--allow", entry.substring(eq + 1)));
        }
        return new PerExport<>("--allow", grants);
    }

    private static PerExport<Boolean> flags(String key, List<String> exports) {
        if (exports.isEmpty()) {
            return null;
        }
        Map<String, Boolean> on = new LinkedHashMap<>();
        exports.forEach(export -> on.put(export, true));
        return new PerExport<>(key, on);
    }
}
