package io.lisa4j.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;

/** Where a server listens: {@code unix:/path/to/socket} or {@code tcp:host:port}. */
sealed interface Endpoint {

    record Unix(Path socket) implements Endpoint {
        @Override
        public String toString() {
            return "unix:" + socket;
        }
    }

    record Tcp(String host, int port) implements Endpoint {
        @Override
        public String toString() {
            return "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static Endpoint parse(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("endpoint needs a scheme (unix: or tcp:): " + uri);
        }
        String rest = uri.getSchemeSpecificPart();
        return switch (scheme) {
            case "unix" -> unix(rest, uri);
            case "tcp" -> tcp(rest.startsWith("//") ? rest.substring(2) : rest, uri);
            default -> throw new IllegalArgumentException("unsupported endpoint scheme '" + scheme + "': " + uri);
        };
    }

    private static Endpoint unix(String path, URI uri) {
        // "unix:///run/x.sock" and "unix:/run/x.sock" both name /run/x.sock.
        String p = path.startsWith("//") ? path.substring(2) : path;
        if (p.isEmpty()) {
            throw new IllegalArgumentException("unix endpoint without a socket path: " + uri);
        }
        return new Unix(Path.of(p));
    }

    private static Endpoint tcp(String hostPort, URI uri) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("tcp endpoint must be tcp:host:port: " + uri);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tcp endpoint has a bad port: " + uri, e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("tcp port out of range: " + uri);
        }
        return new Tcp(host, port);
    }

    /** The address Netty connects to; a TCP host name is resolved here, at connect time. */
    default SocketAddress socketAddress() {
        return switch (this) {
            case Unix u -> new io.netty.channel.unix.DomainSocketAddress(u.socket().toString());
            case Tcp t -> new InetSocketAddress(t.host(), t.port());
        };
    }
}
