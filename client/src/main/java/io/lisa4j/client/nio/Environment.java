package io.lisa4j.client.nio;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code env} map of newFileSystem: connection options and the umask applied to created files
 * (the server applies none; PROTOCOL.md §8.2.2). Unknown keys are ignored, as the JDK's providers
 * ignore them, except unknown {@code tls.} keys, which fail rather than silently weaken TLS.
 * Descriptor donation (PROTOCOL.md §3.3) is asked for on Unix sockets unless
 * {@code fdDonation=false}; over TCP the server never donates, so it is not asked for there.
 */
record Environment(ClientOptions options, int umask) {
    static Environment of(Map<String, ?> env, boolean unixSocket) {
        ClientOptions options = ClientOptions.DEFAULTS.withFdDonation(unixSocket);
        int umask = processUmask();
        Path[] tls = new Path[3];
        for (Map.Entry<String, ?> e : env.entrySet()) {
            Object value = e.getValue();
            switch (e.getKey()) {
                case Lisa4jFileSystemProvider.CLIENT_NAME -> options = options.withClientName(value.toString());
                case Lisa4jFileSystemProvider.MAX_MESSAGE_SIZE -> options = options.withMaxMessageSize(number(value, 10));
                case Lisa4jFileSystemProvider.UMASK -> umask = number(value, 8) & 0777;
                case Lisa4jFileSystemProvider.TLS_CA -> tls[0] = Path.of(value.toString());
                case Lisa4jFileSystemProvider.TLS_CERT -> tls[1] = Path.of(value.toString());
                case Lisa4jFileSystemProvider.TLS_KEY -> tls[2] = Path.of(value.toString());
                case Lisa4jFileSystemProvider.FD_DONATION ->
                        options = options.withFdDonation(unixSocket && Boolean.parseBoolean(value.toString()));
                case Lisa4jFileSystemProvider.INSECURE_PLAINTEXT_TCP -> {
                    if (Boolean.parseBoolean(value.toString())) {
                        options = options.withInsecurePlaintextTcp();
                    }
                }
                default -> {
                    if (e.getKey().startsWith("tls.")) {
                        throw new IllegalArgumentException("unknown TLS option '" + e.getKey() + "'");
                    }
                }
            }
        }
        if (tls[0] != null || tls[1] != null || tls[2] != null) {
            if (tls[0] == null || tls[1] == null || tls[2] == null) {
                throw new IllegalArgumentException("tls.ca, tls.cert and tls.key go together");
            }
            options = options.withTls(new TlsFiles(tls[0], tls[1], tls[2]));
        }
        return new Environment(options, umask);
    }

    private static int number(Object value, int radix) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim(), radix);
    }

    /** This process's umask, which the JDK's provider applies through the kernel; 022 if unknown. */
    static int processUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc
        }
        return 022;
    }
}
