package io.lisa4j.server.host;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.spi.BackendProvider;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.spi.ReadOnlyExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Exports of kind "host": a directory of the server's own filesystem. */
public final class HostBackendProvider implements BackendProvider {
    public static final String KIND = "host";

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Opens the export's root. Opening it (O_PATH) needs no permission on the directory itself, so
     * the daemon checks it may read and search it: otherwise every MOUNT would serve nothing but
     * EACCES (a daemon running as an ordinary uid, given a directory of another user's).
     */
    @Override
    public ExportBackend open(ExportSpec spec) throws IOException {
        Sys.faccessat2(Sys.AT_FDCWD, spec.location().getBytes(StandardCharsets.UTF_8),
                ProtocolConstants.R_OK | ProtocolConstants.X_OK, ProtocolConstants.AT_EACCESS);
        ExportBackend backend = HostExportBackend.open(spec);
        return spec.readOnly() ? new ReadOnlyExport(backend) : backend;
    }
}
