package io.lisa4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.DescriptorBudget;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.Access;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.PeerIdentity;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.tls.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file: every key read, bad ones named, and the flags laid over it. */
class YamlConfigTest {
    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void makeExport() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Path cert = Files.writeString(dir.resolve("server.crt"), "pem");
        Path key = Files.writeString(dir.resolve("server.key"), "pem");
        Path ca = Files.writeString(dir.resolve("clients.crt"), "pem");
        Settings s = load("""
                exports:
                  - name: data
                    path: %s
                    read_only: true
                    allow: ["uid:1000:rw", "tls:sandbox-a:ro", "gid:50"]
                    delegate_credentials: true
                    allow_setid: true
                    allow_security_xattrs: false
                listen: [unix:/run/l.sock, tcp:0.0.0.0:7000]
                inherit_fd: [7]
                socket_mode: "0660"
                insecure_tcp: false
                metrics: tcp:127.0.0.1:9464
                drain_timeout: 1500ms
                workers: 3
                io_threads: 1
                inline_metadata: false
                limits:
                  max_message_size: 131072
                  max_in_flight: 8
                  max_handles: 9
                  max_connections: 10
                  max_server_handles: 11
                  max_bytes_in_flight: 12345678901
                  handshake_timeout: 2s
                  idle_timeout: 3m
                log:
                  level: warn
                  access: true
                tls:
                  certificate: %s
                  private_key: %s
                  client_ca: %s
                """.formatted(data, cert, key, ca));
        DaemonConfig c = s.resolve(List.of());
        assertEquals("data", c.server().exports().getFirst().name());
        assertTrue(c.server().exports().getFirst().readOnly());
        assertEquals(List.of(new ListenAddress.Unix(Path.of("/run/l.sock")), new ListenAddress.Tcp("0.0.0.0", 7000),
                new ListenAddress.Inherited(7)), c.server().listen());
        assertEquals(new ListenAddress.Tcp("127.0.0.1", 9464), c.ops().metrics());
        assertEquals(Duration.ofMillis(1500), c.ops().drainTimeout());
        assertEquals(3, c.server().workerThreads());
        assertEquals(1, c.server().ioThreads());
        assertFalse(c.server().inlineMetadata());
        assertEquals(131072, c.server().limits().maxMessageSize());
        assertEquals(8, c.server().limits().maxInFlight());
        assertEquals(9, c.server().limits().maxHandles());
        assertEquals(Log.Level.WARN, c.logLevel());
        assertTrue(c.accessLog());
        SecurityConfig security = c.server().security();
        assertEquals(new TlsFiles(ca, cert, key), security.tls());
        assertFalse(security.insecureTcp());
        assertEquals(0660, security.socketMode());
        assertEquals(new ConnectionLimits(Duration.ofSeconds(2), Duration.ofMinutes(3), 10, 11, 12345678901L),
                security.limits());
        assertEquals(new ExportPolicy(true, true, false), security.policy("data"));
        assertEquals(Access.READ_WRITE, security.access().decide("data", new PeerIdentity.UnixPeer(1000, 1, 2)));
        assertEquals(Access.READ_WRITE, security.access().decide("data", new PeerIdentity.UnixPeer(7, 50, 2)));
        assertEquals(Access.READ_ONLY, security.access().decide("data", new PeerIdentity.Certificate("sandbox-a")));
        assertEquals(Access.NONE, security.access().decide("data", new PeerIdentity.UnixPeer(1001, 1001, 2)));
    }

    @Test
    void aLayerOnTopOverridesTheFile() throws Exception {
        Settings file = load("""
                exports: [{name: data, path: %s, allow: ["uid:1000"], allow_setid: true}]
                limits: {max_in_flight: 8, max_handles: 9}
                drain_timeout: 30s
                """.formatted(data));
        Settings top = load("""
                limits: {max_in_flight: 16}
                drain_timeout: 2s
                """);
        DaemonConfig c = file.overriddenBy(top).resolve(List.of(new ListenAddress.Unix(Path.of("/d.sock"))));
        assertEquals(16, c.server().limits().maxInFlight(), "the top layer wins");
        assertEquals(9, c.server().limits().maxHandles(), "the file's value stays where the top gives none");
        assertEquals(Duration.ofSeconds(2), c.ops().drainTimeout());
        assertEquals(List.of(new ListenAddress.Unix(Path.of("/d.sock"))), c.server().listen(), "the default listener");
        assertEquals(Access.READ_WRITE, c.server().security().access().decide("data", new PeerIdentity.UnixPeer(1000, 1, 1)));
        assertTrue(c.server().security().policy("data").allowSetId());
        assertFalse(c.accessLog());
        assertNull(c.ops().metrics());
        assertTrue(c.server().inlineMetadata(), "metadata lookups on the event loop by default");
        Settings off = load("inline_metadata: false");
        assertFalse(file.overriddenBy(off).resolve(List.of()).server().inlineMetadata());

        Settings otherExports = load("exports: [{name: data, path: %s}]".formatted(data));
        SecurityConfig replaced = file.overriddenBy(otherExports).resolve(List.of()).server().security();
        assertEquals(Access.NONE, replaced.access().decide("data", new PeerIdentity.UnixPeer(1000, 1, 1)),
                "exports on top replace the file's exports with their grants");
        assertFalse(replaced.policy("data").allowSetId());
    }

    @Test
    void handleLimitsMustFitTheDescriptorLimit() throws Exception {
        DescriptorBudget budget = DescriptorBudget.measure(ServerConfig.DEFAULT_WORKERS, 0);
        DaemonConfig defaults = load("exports: [{name: data, path: %s}]".formatted(data)).resolve(List.of());
        var guards = defaults.server().security().limits();
        assertTrue(guards.maxServerHandles() <= budget.maxServerHandles(guards.maxConnections()),
                "defaults within " + budget + ": " + guards);
        assertTrue(defaults.server().limits().maxHandles() <= guards.maxServerHandles());

        long tooMany = budget.available() + 1;
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                exports: [{name: data, path: %s}]
                limits: {max_server_handles: %d}
                """.formatted(data, Math.min(Integer.MAX_VALUE, tooMany))).resolve(List.of()));
        assertTrue(e.key().contains("max_server_handles"), e.getMessage());
        assertTrue(e.getMessage().contains("RLIMIT_NOFILE"), e.getMessage());
    }

    @Test
    void inheritedFdsAloneOpenNoDefaultSocket() throws Exception {
        DaemonConfig c = load("""
                exports: [{name: data, path: %s}]
                inherit_fd: [5]
                """.formatted(data)).resolve(List.of(new ListenAddress.Unix(Path.of("/default.sock"))));
        assertEquals(List.of(new ListenAddress.Inherited(5)), c.server().listen());
    }

    @Test
    void errorsNameTheBadKey() throws Exception {
        assertBadKey("limits.max_inflight", "limits: {max_inflight: 3}");
        assertBadKey("limits.max_in_flight", "limits: {max_in_flight: 0}");
        assertBadKey("limits.max_handles", "limits: {max_handles: lots}");
        assertBadKey("exports[0].path", "exports: [{name: x, path: /definitely/not/here}]");
        assertBadKey("exports[0].name", "exports: [{path: /tmp}]");
        assertBadKey("exports[0].readonly", "exports: [{name: x, path: /tmp, readonly: true}]");
        assertBadKey("listen[1]", "listen: [unix:/a.sock, udp:1.2.3.4:5]");
        assertBadKey("metrics", "metrics: unix:/m.sock");
        assertBadKey("drain_timeout", "drain_timeout: soon");
        assertBadKey("log.level", "log: {level: loud}");
        assertBadKey("tls.certificate", "tls: {certificate: " + data + "}");
        assertBadKey("tls.private_key", "tls: {certificate: /etc/hostname}");
        assertBadKey("tls.certificate", "tls: {certificate: /no/such.crt, private_key: /no/such.key}");
        assertBadKey("authorization", "authorization: {unix_uids: [1000]}");
        assertBadKey("exports[0].allow[1]", "exports: [{name: x, path: /tmp, allow: [uid:1, root]}]");
        assertBadKey("exports[0].allow_setid", "exports: [{name: x, path: /tmp, allow_setid: maybe}]");
        assertBadKey("exports[1].name", "exports: [{name: x, path: /tmp}, {name: x, path: /tmp}]");
        assertBadKey("socket_mode", "socket_mode: rw-------");
        assertBadKey("inherit_fd[0]", "inherit_fd: [-1]");
        assertBadKey("limits.idle_timeout", "limits: {idle_timeout: 0s}");
        assertBadKey("limits.max_connections", "limits: {max_connections: 0}");
        assertBadKey("tls.client_ca", "tls: {certificate: /etc/hostname, private_key: /etc/hostname}");
        assertBadKey("tls.dir", "tls: {dir: /no/such/pki}");
        assertBadKey("tls", "exports: [{name: x, path: /tmp}]\nlisten: [tcp:127.0.0.1:0]");
        assertBadKey("exports", "workers: 2");
        assertBadKey("inline_metadata", "inline_metadata: sometimes");
    }

    @Test
    void yaml12ScalarsAndDuplicateKeys() throws Exception {
        // YAML 1.1 would read `no` as false; YAML 1.2 keeps it a string, so it is just an unknown level.
        assertBadKey("log.level", "log: {level: no}");
        ConfigException dup = assertThrows(ConfigException.class, () -> load("workers: 1\nworkers: 2\n"));
        assertTrue(dup.getMessage().contains("workers"), dup.getMessage());
    }

    @Test
    void theImageConfigIsValid() throws Exception {
        Path top = Path.of("..").toAbsolutePath().normalize();
        String text = Files.readString(top.resolve("docker/image/lisa4j.yaml"));
        assertTrue(text.contains("path: /export"), text);
        Settings image = load(text.replace("path: /export", "path: " + data));
        assertEquals(List.of(new ListenAddress.Unix(Path.of("/run/lisa4j/lisa4j.sock"))), image.listen());
        assertEquals(new ListenAddress.Tcp("0.0.0.0", 9464), image.metrics());
    }

    private Settings load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("lisa4j.yaml"), yaml);
        return YamlConfig.load(file);
    }

    private void assertBadKey(String key, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml).resolve(List.of()), yaml);
        assertEquals(key, e.key(), e.getMessage());
    }
}
