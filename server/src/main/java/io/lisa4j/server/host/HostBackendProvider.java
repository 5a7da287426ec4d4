package io.lisa4j.server.host;

import io.lisa4j.server.spi.BackendProvider;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.spi.ReadOnlyExport;
import java.io.IOException;

/** Exports of kind "host": a directory of the server's own filesystem. */
public final class HostBackendProvider implements BackendProvider {
    public static final String KIND = "host";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ExportBackend open(ExportSpec spec) throws IOException {
        ExportBackend backend = HostExportBackend.open(spec);
        return spec.readOnly() ? new ReadOnlyExport(backend) : backend;
    }
}
