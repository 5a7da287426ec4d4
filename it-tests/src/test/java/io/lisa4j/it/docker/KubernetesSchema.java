package io.lisa4j.it.docker;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schema of the Kubernetes types (apps/v1 and core/v1) that fabric8's
 * kubernetes-model-apps jar ships, made to judge manifests as the API server and {@code kubectl}
 * read them. Fabric8 generates it from the Kubernetes Go types for its Java model, so three things
 * are put back to the wire format: every object with known fields refuses unknown ones (fabric8
 * allows them to keep them in a map; {@code kubectl apply} rejects them), a quantity is a string or
 * a number, an int-or-string is one of the two (fabric8 describes both as Java objects); its Java
 * annotations and draft-3 style {@code required: true} are dropped.
 */
final class KubernetesSchema {
    private static final String RESOURCE = "schema/validation-schema.json";
    private static final Map<String, String> DEFINITIONS = Map.of(
            "apps/v1 Deployment", "kubernetes_apps_Deployment",
            "v1 ConfigMap", "kubernetes_core_ConfigMap",
            "v1 PersistentVolumeClaim", "kubernetes_core_PersistentVolumeClaim");
    private static final List<String> JAVA_ONLY = List.of("javaType", "existingJavaType", "javaInterfaces",
            "javaOmitEmpty", "default");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode definitions;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private KubernetesSchema(ObjectNode definitions) {
        this.definitions = definitions;
    }

    static KubernetesSchema load() throws IOException {
        for (URL url : Collections.list(KubernetesSchema.class.getClassLoader().getResources(RESOURCE))) {
            JsonNode schema;
            try (InputStream in = url.openStream()) {
                schema = JSON.readTree(in);
            }
            if (schema.path("definitions").has("kubernetes_apps_Deployment")) {
                ObjectNode definitions = (ObjectNode) schema.get("definitions");
                for (String name : definitions.propertyNames()) {
                    toWireFormat(definitions.get(name));
                }
                definitions.putObject("k8s_io_apimachinery_pkg_api_resource_Quantity")
                        .putArray("type").add("string").add("number");
                definitions.putObject("kubernetes_apimachinery_pkg_util_intstr_IntOrString")
                        .putArray("type").add("string").add("integer");
                return new KubernetesSchema(definitions);
            }
        }
        throw new IllegalStateException("no " + RESOURCE + " with apps/v1 on the test class path");
    }

    /** What is wrong with {@code manifest} for the schema of its apiVersion and kind; empty when nothing. */
    List<String> problems(Map<String, Object> manifest) {
        String type = manifest.get("apiVersion") + " " + manifest.get("kind");
        String definition = DEFINITIONS.get(type);
        if (definition == null) {
            return List.of("no schema here for " + type);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("definitions", definitions);
        root.put("$ref", "#/definitions/" + definition);
        Schema schema = registry.getSchema(root.toString());
        return schema.validate(JSON.valueToTree(manifest)).stream().map(Error::toString).toList();
    }

    private static void toWireFormat(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        node.remove(JAVA_ONLY);
        if (node.path("required").isBoolean()) {
            node.remove("required");
        }
        if (node.has("properties")) {
            node.put("additionalProperties", false);
            for (JsonNode property : node.get("properties")) {
                toWireFormat(property);
            }
        }
        toWireFormat(node.get("items"));
        toWireFormat(node.get("additionalProperties"));
    }
}
