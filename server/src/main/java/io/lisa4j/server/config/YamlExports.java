package io.lisa4j.server.config;

import io.lisa4j.server.security.Grant;
import io.lisa4j.server.spi.ExportSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file's {@code exports:} list: each export's name, directory and read-only flag, and beside
 * them who may mount it ({@code allow}) and its policy ({@code delegate_credentials},
 * {@code allow_setid}, {@code allow_security_xattrs}), as the {@code --export}, {@code --allow}
 * and policy flags give them.
 */
record YamlExports(List<ExportSpec> exports, ExportAccessSettings access) {
    static YamlExports read(ConfigNode root) {
        List<ConfigNode> nodes = root.nodes("exports");
        if (nodes == null) {
            return new YamlExports(null, ExportAccessSettings.EMPTY);
        }
        List<ExportSpec> exports = new ArrayList<>();
        Map<String, List<Grant>> allow = new LinkedHashMap<>();
        Map<String, Boolean> delegate = new LinkedHashMap<>();
        Map<String, Boolean> setId = new LinkedHashMap<>();
        Map<String, Boolean> securityXattrs = new LinkedHashMap<>();
        for (ConfigNode n : nodes) {
            String name = n.string("name");
            String path = n.string("path");
            Boolean readOnly = n.bool("read_only");
            ExportSpec export = Check.export(n.key(name == null ? "name" : "path"), name, path,
                    readOnly != null && readOnly);
            if (exports.stream().anyMatch(e -> e.name().equals(name))) {
                throw new ConfigException(n.key("name"), "export " + name + " is configured twice");
            }
            exports.add(export);
            List<String> grants = n.strings("allow");
            if (grants != null) {
                List<Grant> list = new ArrayList<>();
                for (int i = 0; i < grants.size(); i++) {
                    list.add(Check.grant(n.key("allow") + "[" + i + "]", grants.get(i)));
                }
                allow.put(name, list);
            }
            put(delegate, name, n.bool("delegate_credentials"));
            put(setId, name, n.bool("allow_setid"));
            put(securityXattrs, name, n.bool("allow_security_xattrs"));
            n.rejectUnknownKeys();
        }
        String key = root.key("exports");
        return new YamlExports(exports, new ExportAccessSettings(new PerExport<>(key, allow),
                new PerExport<>(key, delegate), new PerExport<>(key, setId), new PerExport<>(key, securityXattrs)));
    }

    private static void put(Map<String, Boolean> map, String export, Boolean value) {
        if (value != null) {
            map.put(export, value);
        }
    }
}
