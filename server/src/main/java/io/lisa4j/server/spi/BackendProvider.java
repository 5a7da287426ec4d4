package io.lisa4j.server.spi;

import java.io.IOException;

/**
 * Opens exports of one kind. Found through {@link java.util.ServiceLoader}; the {@code kind} of an
 * export's configuration selects the provider ("host" for a host directory).
 */
public interface BackendProvider {
    String kind();

    ExportBackend open(ExportSpec spec) throws IOException;
}
