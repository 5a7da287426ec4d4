package io.lisa4j.server;

import java.nio.file.Path;

/** Where the server listens: {@code unix:/path/to.sock} or {@code tcp:host:port} (port 0 picks a free one). */
public sealed interface ListenAddress {
    record Unix(Path path) implements ListenAddress {
        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    record Tcp(String host, int port) implements ListenAddress {
        public Tcp {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * An already-connected Unix socket handed over by a launcher (the other end of a
     * {@code socketpair(2)}): served as one connection, with no listening socket at all.
     */
    record Inherited(int fd) implements ListenAddress {
        public Inherited {
            if (fd < 0) {
                throw new IllegalArgumentException("bad fd " + fd);
            }
        }

        @Override
        public String toString() {
            return "fd:" + fd;
        }
    }

    static ListenAddress parse(String spec) {
        if (spec.startsWith("unix:")) {
            String path = spec.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("unix: needs a socket path");
            }
            return new Unix(Path.of(path).toAbsolutePath());
        }
        if (spec.startsWith("tcp:")) {
            String rest = spec.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("tcp: needs host:port, got " + spec);
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new Tcp(host, Integer.parseInt(rest.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + spec, e);
            }
        }
        throw new IllegalArgumentException("listen address must start with unix: or tcp:, got " + spec);
    }
}
