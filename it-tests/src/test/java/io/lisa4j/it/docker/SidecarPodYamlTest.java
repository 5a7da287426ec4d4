package io.lisa4j.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.config.Settings;
import io.lisa4j.server.config.YamlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/k8s/sidecar-pod.yaml is well-formed and says what the README promises: a sandbox and a
 * lisa4j container sharing one emptyDir at /run/lisa4j, the export mounted only into lisa4j,
 * HTTP probes on the metrics port, a non-root uid, and a ConfigMap the daemon accepts.
 */
class SidecarPodYamlTest {
    private static final Path FILE = DaemonImage.TOP.resolve("docker/k8s/sidecar-pod.yaml");

    @Test
    void sandboxAndDaemonShareTheSocketVolume() throws Exception {
        Map<String, Object> pod = document("Pod");
        assertEquals("v1", pod.get("apiVersion"));
        Map<String, Object> spec = map(pod, "spec");
        assertEquals(10001, map(spec, "securityContext").get("runAsUser"));

        Map<String, Map<String, Object>> volumes = byName(list(spec, "volumes"));
        Map<String, Map<String, Object>> containers = byName(list(spec, "containers"));
        assertEquals(List.of("sandbox", "lisa4j"), new ArrayList<>(containers.keySet()));

        String socketVolume = null;
        for (Map<String, Object> container : containers.values()) {
            Map<String, Map<String, Object>> mounts = byMountPath(list(container, "volumeMounts"));
            Map<String, Object> socketMount = mounts.get("/run/lisa4j");
            assertNotNull(socketMount, container.get("name") + " mounts the socket volume at /run/lisa4j");
            if (socketVolume == null) {
                socketVolume = (String) socketMount.get("name");
            }
            assertEquals(socketVolume, socketMount.get("name"), "both mount the same volume");
        }
        assertTrue(volumes.get(socketVolume).containsKey("emptyDir"), "the socket volume is an emptyDir");
        assertEquals("unix:/run/lisa4j/lisa4j.sock",
                byName(list(containers.get("sandbox"), "env")).get("LISA4J_SOCKET").get("value"));

        Map<String, Object> lisa4j = containers.get("lisa4j");
        Map<String, Map<String, Object>> daemonMounts = byMountPath(list(lisa4j, "volumeMounts"));
        String dataVolume = (String) daemonMounts.get("/export").get("name");
        assertTrue(volumes.containsKey(dataVolume), "the export volume is declared");
        assertTrue(byMountPath(list(containers.get("sandbox"), "volumeMounts")).values().stream()
                .noneMatch(m -> dataVolume.equals(m.get("name"))), "the sandbox never mounts the data itself");
        assertEquals("/health", map(map(lisa4j, "readinessProbe"), "httpGet").get("path"));
        assertEquals("/health/live", map(map(lisa4j, "livenessProbe"), "httpGet").get("path"));
        assertEquals(9464, byName(list(lisa4j, "ports")).get("metrics").get("containerPort"));
        String configVolume = (String) daemonMounts.get("/etc/lisa4j").get("name");
        assertEquals("lisa4j-config", map(volumes.get(configVolume), "configMap").get("name"));
    }

    @Test
    void theConfigMapIsAValidDaemonConfig(@TempDir Path dir) throws Exception {
        Map<String, Object> configMap = document("ConfigMap");
        String yaml = (String) map(configMap, "data").get("lisa4j.yaml");
        // /export exists only in the container; point it at a real directory to validate the rest.
        Path file = Files.writeString(dir.resolve("lisa4j.yaml"), yaml.replace("path: /export", "path: " + dir));
        Settings settings = YamlConfig.load(file);
        assertEquals(List.of(new ListenAddress.Unix(Path.of("/run/lisa4j/lisa4j.sock"))), settings.listen());
        assertEquals(new ListenAddress.Tcp("0.0.0.0", 9464), settings.metrics());
    }

    private static Map<String, Object> document(String kind) throws Exception {
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build());
        for (Object doc : load.loadAllFromString(Files.readString(FILE))) {
            Map<String, Object> map = cast(doc);
            if (kind.equals(map.get("kind"))) {
                return map;
            }
        }
        throw new AssertionError("no " + kind + " in " + FILE);
    }

    private static Map<String, Map<String, Object>> byName(List<Object> items) {
        return index(items, "name");
    }

    private static Map<String, Map<String, Object>> byMountPath(List<Object> items) {
        return index(items, "mountPath");
    }

    private static Map<String, Map<String, Object>> index(List<Object> items, String key) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object item : items) {
            Map<String, Object> map = cast(item);
            assertNotNull(map.get(key), key + " in " + map);
            out.put((String) map.get(key), map);
        }
        return out;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertNotNull(parent.get(key), key + " in " + parent.keySet());
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertTrue(parent.get(key) instanceof List<?>, key + " is a list in " + parent.keySet());
        return (List<Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        assertTrue(value instanceof Map<?, ?>, "a mapping: " + value);
        return (Map<String, Object>) value;
    }
}
