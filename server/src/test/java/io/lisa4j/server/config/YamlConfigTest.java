package io.lisa4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.log.Log;
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
                listen: [unix:/run/l.sock, tcp:0.0.0.0:7000]
                metrics: tcp:127.0.0.1:9464
                drain_timeout: 1500ms
                workers: 3
                io_threads: 1
                limits:
                  max_message_size: 131072
                  max_in_flight: 8
                  max_handles: 9
                log:
                  level: warn
                  access: true
                tls:
                  certificate: %s
                  private_key: %s
                  client_ca: %s
                authorization:
                  unix_uids: [1000, 1001]
                  client_subjects: ["CN=sandbox"]
                """.formatted(data, cert, key, ca));
        DaemonConfig c = s.resolve(List.of());
        assertEquals("data", c.server().exports().getFirst().name());
        assertTrue(c.server().exports().getFirst().readOnly());
        assertEquals(List.of(new ListenAddress.Unix(Path.of("/run/l.sock")), new ListenAddress.Tcp("0.0.0.0", 7000)),
                c.server().listen());
        assertEquals(new ListenAddress.Tcp("127.0.0.1", 9464), c.ops().metrics());
        assertEquals(Duration.ofMillis(1500), c.ops().drainTimeout());
        assertEquals(3, c.server().workerThreads());
        assertEquals(1, c.server().ioThreads());
        assertEquals(131072, c.server().limits().maxMessageSize());
        assertEquals(8, c.server().limits().maxInFlight());
        assertEquals(9, c.server().limits().maxHandles());
        assertEquals(Log.Level.WARN, c.logLevel());
        assertTrue(c.accessLog());
        assertEquals(new TlsSettings(cert, key, ca), c.tls());
        assertTrue(c.tls().mutual());
        assertEquals(List.of(1000, 1001), c.authorization().unixUids());
        assertEquals(List.of("CN=sandbox"), c.authorization().clientSubjects());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Settings file = load("""
                exports: [{name: data, path: %s}]
                limits: {max_in_flight: 8, max_handles: 9}
                drain_timeout: 30s
                """.formatted(data));
        Settings flags = new CliSettings(List.of(), List.of(), null, "2s", null, 16, null, null, null, null, null)
                .toSettings();
        DaemonConfig c = file.overriddenBy(flags).resolve(List.of(new ListenAddress.Tcp("127.0.0.1", 0)));
        assertEquals(16, c.server().limits().maxInFlight(), "the flag wins");
        assertEquals(9, c.server().limits().maxHandles(), "the file's value stays where no flag is given");
        assertEquals(Duration.ofSeconds(2), c.ops().drainTimeout());
        assertEquals(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), c.server().listen(), "the default listener");
        assertFalse(c.accessLog());
        assertNull(c.ops().metrics());
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
        assertBadKey("tls.private_key", "tls: {certificate: " + data + "}");
        assertBadKey("tls.certificate", "tls: {certificate: /no/such.crt, private_key: /no/such.key}");
        assertBadKey("authorization.unix_uids[0]", "authorization: {unix_uids: [root]}");
        assertBadKey("exports", "workers: 2");
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
