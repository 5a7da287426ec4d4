package io.lisa4j.client;

import java.io.IOException;
import java.net.URI;

/**
 * Entry point: connects to a lisa4j server and performs the handshake.
 *
 * <pre>{@code
 * try (Session s = Lisa4jClient.connect("unix:/run/lisa4j.sock")) {
 *     RemoteFs fs = s.mount("data");
 *     FileAttr a = fs.stat("dir/file");
 * }
 * }</pre>
 */
public final class Lisa4jClient {
    private Lisa4jClient() {}

    /** {@code unix:/path/to/socket}; {@code tcp:host:port} needs {@link ClientOptions#withTls}. */
    public static Session connect(String endpoint) throws IOException {
        return connect(URI.create(endpoint));
    }

    public static Session connect(URI endpoint) throws IOException {
        return connect(endpoint, ClientOptions.DEFAULTS);
    }

    public static Session connect(URI endpoint, ClientOptions options) throws IOException {
        Connection connection = Connection.open(Endpoint.parse(endpoint), options);
        return new Session(connection);
    }
}
