package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves descriptors behind: every fd open after it that was not open before
 * it, other than the JDK's own lazily opened jars and libraries, is a leak. Closing happens on
 * event loops, so the check waits for the count to settle (bounded) before it reports.
 */
public final class FdBaseline implements BeforeEachCallback, AfterEachCallback {
    // The host backend opens /proc/self/fd once per process, on first use, and keeps it.
    private static final java.util.regex.Pattern PROC_FD_DIR = java.util.regex.Pattern.compile("/proc/\\d+/fd");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FdBaseline.class);

    static {
        // The JDK's NIO keeps one socket of a socketpair for its pre-close trick, made on first use.
        try {
            java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
            java.nio.channels.SocketChannel.open().close();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!context.getTags().contains("jazzer")) {
            context.getStore(NS).put("fds", snapshot());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws Exception {
        Map<String, String> before = (Map<String, String>) context.getStore(NS).remove("fds");
        if (before == null) {
            return; // fuzz tests check descriptors per input themselves
        }
        Map<String, String> leaked = Map.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            leaked = leaked(before, snapshot());
            if (leaked.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("descriptors leaked by the test: " + leaked + describeSockets(leaked));
    }

    private static Map<String, String> leaked(Map<String, String> before, Map<String, String> after) {
        Map<String, String> leaked = new HashMap<>();
        after.forEach((fd, target) -> {
            if (!target.equals(before.get(fd)) && !target.endsWith(".jar") && !target.endsWith(".so")
                    && !target.contains("/lib/modules") && !PROC_FD_DIR.matcher(target).matches()) {
                leaked.put(fd, target);
            }
        });
        return leaked;
    }

    /** For a leaked socket, the matching /proc/net lines (its inode names the peer and path). */
    private static String describeSockets(Map<String, String> leaked) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String target : leaked.values()) {
            if (target.startsWith("socket:[")) {
                String inode = target.substring(8, target.length() - 1);
                for (String table : new String[] {"unix", "tcp", "tcp6"}) {
                    for (String line : Files.readAllLines(Path.of("/proc/net/" + table))) {
                        if (line.contains(" " + inode + " ") || line.endsWith(" " + inode)) {
                            sb.append("\n  ").append(table).append(": ").append(line.trim());
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    public static Map<String, String> snapshot() throws IOException {
        Map<String, String> fds = new HashMap<>();
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) list::iterator) {
                try {
                    fds.put(p.getFileName().toString(), Files.readSymbolicLink(p).toString());
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor, or one closed while we looked.
                }
            }
        }
        return fds;
    }
}
