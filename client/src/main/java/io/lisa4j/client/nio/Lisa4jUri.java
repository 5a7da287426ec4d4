package io.lisa4j.client.nio;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * A lisa4j URI taken apart: {@code lisa4j+unix:///run/lisa4j.sock?export=data} or
 * {@code lisa4j+tcp://host:port?export=data}, optionally followed by {@code #/path/in/export}
 * (percent-encoded bytes) when the URI names a file rather than the file system.
 *
 * @param fileSystem the URI without fragment, in canonical form: the key of the open file system
 * @param endpoint what {@code Lisa4jClient.connect} takes: {@code unix:/path} or {@code tcp:host:port}
 * @param path the fragment's bytes, or null without one
 */
record Lisa4jUri(URI fileSystem, String endpoint, String export, byte[] path) {
    static final String UNIX = "lisa4j+unix";
    static final String TCP = "lisa4j+tcp";

    static Lisa4jUri parse(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            throw new IllegalArgumentException("not a lisa4j URI: " + uri);
        }
        String export = exportOf(uri);
        String endpoint;
        URI key;
        try {
            switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
                case UNIX -> {
                    if (uri.getRawAuthority() != null || uri.getPath() == null || uri.getPath().isEmpty()) {
                        throw new IllegalArgumentException("expected lisa4j+unix:///path/to/socket?export=name: " + uri);
                    }
                    endpoint = "unix:" + uri.getPath();
                    key = new URI(UNIX, "", uri.getPath(), "export=" + export, null);
                }
                case TCP -> {
                    if (uri.getHost() == null || uri.getPort() < 0) {
                        throw new IllegalArgumentException("expected lisa4j+tcp://host:port?export=name: " + uri);
                    }
                    endpoint = "tcp:" + uri.getHost() + ":" + uri.getPort();
                    key = new URI(TCP, null, uri.getHost(), uri.getPort(), "/", "export=" + export, null);
                }
                default -> throw new IllegalArgumentException("not a lisa4j URI: " + uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        byte[] path = uri.getRawFragment() == null ? null : decode(uri.getRawFragment());
        return new Lisa4jUri(key, endpoint, export, path);
    }

    private static String exportOf(URI uri) {
        String query = uri.getRawQuery();
        if (query != null) {
            for (String param : query.split("&")) {
                if (param.startsWith("export=") && param.length() > "export=".length()) {
                    return new String(decode(param.substring("export=".length())), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalArgumentException("the URI names no export (?export=name): " + uri);
    }

    /** The URI of the file at {@code path} (absolute, raw bytes) in this file system. */
    static URI withPath(URI fileSystem, byte[] path) {
        StringBuilder s = new StringBuilder(fileSystem.toString()).append('#');
        for (byte b : path) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~".indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return URI.create(s.toString());
    }

    private static byte[] decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
