package io.lisa4j.server.export;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import io.lisa4j.server.spi.BackendProvider;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The exports the operator configured, by name. A client's MOUNT only ever looks a name up here,
 * so no client can make the server open anything the configuration does not name.
 */
public final class ExportRegistry implements AutoCloseable {
    private final Map<ByteBuffer, ExportBackend> byName;

    private ExportRegistry(Map<ByteBuffer, ExportBackend> byName) {
        this.byName = byName;
    }

    /** Opens every export through the {@link BackendProvider} of its kind, closing all on failure. */
    public static ExportRegistry open(List<ExportSpec> specs) throws IOException {
        return open(specs, ServiceLoader.load(BackendProvider.class));
    }

    public static ExportRegistry open(List<ExportSpec> specs, Iterable<BackendProvider> providers) throws IOException {
        Map<String, BackendProvider> byKind = new HashMap<>();
        for (BackendProvider p : providers) {
            byKind.putIfAbsent(p.kind(), p);
        }
        Map<ByteBuffer, ExportBackend> opened = new LinkedHashMap<>();
        try {
            for (ExportSpec spec : specs) {
                ByteBuffer key = key(spec.name().getBytes(StandardCharsets.UTF_8));
                if (opened.containsKey(key)) {
                    throw new IOException("export " + spec.name() + " is configured twice");
                }
                BackendProvider provider = byKind.get(spec.kind());
                if (provider == null) {
                    throw new IOException("no backend for export kind '" + spec.kind() + "' (export " + spec.name() + ")");
                }
                opened.put(key, openOne(provider, spec));
                Log.info("export", "name", spec.name(), "kind", spec.kind(), "location", spec.location(),
                        "read_only", spec.readOnly());
            }
        } catch (IOException | RuntimeException e) {
            opened.values().forEach(ExportBackend::close);
            throw e;
        }
        return new ExportRegistry(opened);
    }

    private static ExportBackend openOne(BackendProvider provider, ExportSpec spec) throws IOException {
        try {
            return provider.open(spec);
        } catch (ErrnoException e) {
            throw new IOException("cannot open export " + spec.name() + " at " + spec.location() + ": "
                    + Reason.of(e), e);
        }
    }

    /** The export called {@code name} (raw bytes, as MOUNT carries it), or null. */
    public ExportBackend find(byte[] name) {
        return byName.get(key(name));
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        byName.keySet().forEach(k -> names.add(StandardCharsets.UTF_8.decode(k.duplicate()).toString()));
        return names;
    }

    @Override
    public void close() {
        for (ExportBackend backend : byName.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                Log.warn("export_close_failed", "error", e);
            }
        }
    }

    private static ByteBuffer key(byte[] name) {
        return ByteBuffer.wrap(name.clone()).asReadOnlyBuffer();
    }
}
