package io.lisa4j.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.config.Settings;
import io.lisa4j.server.config.YamlConfig;
import io.lisa4j.server.security.Access;
import io.lisa4j.server.security.PeerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * docker/k8s/ can be applied as it is (after changing the image names): every document is valid
 * for the Kubernetes schema of its kind ({@link KubernetesSchema}, no cluster needed), and the
 * Deployment does what the README promises: lisa4j as a native sidecar that the sandbox waits for,
 * probes on the metrics port, non-root, read-only, no capabilities, the socket on a shared emptyDir
 * where the daemon's config puts it, the data on a declared claim, and a ConfigMap that the
 * daemon's own loader accepts.
 */
class KubernetesManifestsTest {
    private static final Path DIR = DaemonImage.TOP.resolve("docker/k8s");
    private static final String SOCKET_VOLUME_KIND = "emptyDir";

    private static List<Manifest> manifests;
    private static Map<String, Object> podSpec;
    private static Map<String, Object> lisa4j;
    private static Map<String, Object> sandbox;
    private static Map<String, Object> daemonConfig;

    /** One YAML document of docker/k8s/, and where it is. */
    private record Manifest(String where, Map<String, Object> body) {}

    @BeforeAll
    static void load() throws Exception {
        manifests = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build());
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                int index = 0;
                for (Object document : load.loadAllFromString(Files.readString(file))) {
                    manifests.add(new Manifest(DIR.relativize(file) + " #" + index++, cast(document)));
                }
            }
        }
        podSpec = map(map(map(only("Deployment"), "spec"), "template"), "spec");
        lisa4j = byName(list(podSpec, "initContainers")).get("lisa4j");
        sandbox = byName(list(podSpec, "containers")).get("sandbox");
        daemonConfig = cast(load.loadFromString(configText()));
    }

    @Test
    void everyDocumentIsValidForTheKubernetesSchemaOfItsKind() throws Exception {
        KubernetesSchema schema = KubernetesSchema.load();
        for (Manifest manifest : manifests) {
            assertEquals(List.of(), schema.problems(manifest.body()), manifest.where());
        }
        assertEquals(Set.of("Deployment", "ConfigMap", "PersistentVolumeClaim"),
                manifests.stream().map(m -> m.body().get("kind")).collect(Collectors.toSet()));
    }

    @Test
    void theSchemaRefusesWhatTheApiServerWould() throws Exception {
        KubernetesSchema schema = KubernetesSchema.load();
        Map<String, Object> deployment = only("Deployment");
        String text = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(deployment);
        Load load = new Load(LoadSettings.builder().build());
        // What is right, what is wrong instead, and where the schema says so.
        for (String[] mistake : new String[][] {
            {"readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true", "/securityContext"},
            {"runAsUser: 10001", "runAsUser: '10001'", "/securityContext/runAsUser"},
            {"restartPolicy: Always", "restartPolicy: [Always]", "/initContainers/0/restartPolicy"},
            {"memory: 256Mi", "memory: {Mi: 256}", "/resources/limits/memory"},
        }) {
            assertTrue(text.contains(mistake[0]), mistake[0]);
            Map<String, Object> wrong = cast(load.loadFromString(text.replaceFirst(mistake[0], mistake[1])));
            List<String> problems = schema.problems(wrong);
            assertTrue(problems.stream().anyMatch(p -> p.contains(mistake[2])), mistake[1] + ": " + problems);
        }
    }

    @Test
    void lisa4jIsANativeSidecarThatTheSandboxStartsAfter() {
        assertEquals("Always", lisa4j.get("restartPolicy"), "an init container that keeps running: a native sidecar");
        assertFalse(byName(list(podSpec, "containers")).containsKey("lisa4j"));
        // The kubelet starts the sandbox once this probe passed; /health is 200 only once the
        // daemon listens on its socket.
        assertEquals("/health", map(map(lisa4j, "startupProbe"), "httpGet").get("path"));
        assertEquals("Recreate", map(map(only("Deployment"), "spec"), "strategy").get("type"),
                "a ReadWriteOnce claim is let go before the next pod starts");
        Map<String, Object> deploymentSpec = map(only("Deployment"), "spec");
        assertEquals(map(map(deploymentSpec, "selector"), "matchLabels"),
                map(map(map(deploymentSpec, "template"), "metadata"), "labels"));
    }

    @Test
    void theProbesAskTheDaemonsMetricsPort() {
        Map<String, Object> port = byName(list(lisa4j, "ports")).get("metrics");
        ListenAddress metrics = ListenAddress.parse((String) daemonConfig.get("metrics"));
        assertEquals(((ListenAddress.Tcp) metrics).port(), port.get("containerPort"));
        Map<String, String> paths = Map.of("startupProbe", "/health", "readinessProbe", "/health",
                "livenessProbe", "/health/live");
        paths.forEach((probe, path) -> {
            Map<String, Object> get = map(map(lisa4j, probe), "httpGet");
            assertEquals(path, get.get("path"), probe);
            assertEquals("metrics", get.get("port"), probe);
        });
    }

    @Test
    void everyContainerRunsNonRootReadOnlyWithoutCapabilitiesAndWithinLimits() {
        Map<String, Object> pod = map(podSpec, "securityContext");
        assertEquals(true, pod.get("runAsNonRoot"));
        assertEquals(DaemonContainer.IMAGE_UID, pod.get("runAsUser"));
        assertEquals(DaemonContainer.IMAGE_UID, pod.get("runAsGroup"));
        assertEquals(DaemonContainer.IMAGE_UID, pod.get("fsGroup"));
        assertEquals("RuntimeDefault", map(pod, "seccompProfile").get("type"));
        for (Map<String, Object> container : List.of(lisa4j, sandbox)) {
            String name = (String) container.get("name");
            Map<String, Object> security = map(container, "securityContext");
            assertEquals(false, security.get("allowPrivilegeEscalation"), name);
            assertEquals(true, security.get("readOnlyRootFilesystem"), name);
            assertEquals(List.of("ALL"), map(security, "capabilities").get("drop"), name);
            Map<String, Object> resources = map(container, "resources");
            for (String bound : List.of("requests", "limits")) {
                assertEquals(Set.of("cpu", "memory"), map(resources, bound).keySet(), name + " " + bound);
            }
        }
    }

    @Test
    void theSocketIsOnASharedEmptyDirWhereTheConfigPutsIt() {
        List<Object> listen = list(daemonConfig, "listen");
        assertEquals(1, listen.size());
        Path socket = ((ListenAddress.Unix) ListenAddress.parse((String) listen.getFirst())).path();
        String socketDir = socket.getParent().toString();
        Map<String, Object> volume = volumes().get(mountedAt(lisa4j, socketDir));
        assertTrue(volume.containsKey(SOCKET_VOLUME_KIND), "the socket volume is an emptyDir: " + volume);
        assertEquals(mountedAt(lisa4j, socketDir), mountedAt(sandbox, socketDir), "the sandbox mounts the same one");
        assertEquals("unix:" + socket, byName(list(sandbox, "env")).get("LISA4J_SOCKET").get("value"));
    }

    @Test
    void theDataIsADeclaredClaimMountedIntoLisa4jOnly() {
        Map<String, Object> export = cast(list(daemonConfig, "exports").getFirst());
        String data = mountedAt(lisa4j, (String) export.get("path"));
        assertTrue(list(sandbox, "volumeMounts").stream().map(KubernetesManifestsTest::cast)
                .noneMatch(m -> data.equals(m.get("name"))), "the sandbox reaches the data only through lisa4j");
        String claim = (String) map(volumes().get(data), "persistentVolumeClaim").get("claimName");
        assertEquals(claim, map(only("PersistentVolumeClaim"), "metadata").get("name"), "the claim is declared here");
    }

    @Test
    void theConfigMapIsWhereTheEntrypointReadsAndTheDaemonAcceptsIt(@TempDir Path dir) throws Exception {
        String volume = mountedAt(lisa4j, "/etc/lisa4j");
        assertEquals(map(only("ConfigMap"), "metadata").get("name"), map(volumes().get(volume), "configMap").get("name"));
        // /export exists only in the pod; the loader checks the rest against a real directory.
        Path file = Files.writeString(dir.resolve("lisa4j.yaml"), configText().replace("path: /export", "path: " + dir));
        Settings settings = YamlConfig.load(file);
        assertEquals(dir.toString(), settings.exports().getFirst().location());
        assertEquals(0600, settings.socketMode());
        var access = settings.resolve(List.of()).server().security().access();
        int uid = (Integer) map(podSpec, "securityContext").get("runAsUser");
        assertEquals(Access.READ_WRITE, access.decide("export", new PeerIdentity.UnixPeer(uid, uid, 1)),
                "granted to the sandbox's uid");
        assertEquals(Access.NONE, access.decide("export", new PeerIdentity.UnixPeer(uid + 1, uid + 1, 1)));
    }

    private static String configText() {
        return (String) map(only("ConfigMap"), "data").get("lisa4j.yaml");
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found = manifests.stream().map(Manifest::body)
                .filter(m -> kind.equals(m.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind + " in " + DIR);
        return found.getFirst();
    }

    private static Map<String, Map<String, Object>> volumes() {
        return byName(list(podSpec, "volumes"));
    }

    /** The name of the volume that {@code container} mounts at {@code path}. */
    private static String mountedAt(Map<String, Object> container, String path) {
        for (Object item : list(container, "volumeMounts")) {
            Map<String, Object> mount = cast(item);
            if (path.equals(mount.get("mountPath"))) {
                return (String) mount.get("name");
            }
        }
        throw new AssertionError(container.get("name") + " mounts nothing at " + path);
    }

    private static Map<String, Map<String, Object>> byName(List<Object> items) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object item : items) {
            Map<String, Object> map = cast(item);
            assertNotNull(map.get("name"), "name in " + map);
            out.put((String) map.get("name"), map);
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
