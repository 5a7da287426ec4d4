package io.lisa4j.bench;

import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The daemon's start-up time (process start to its first answered PING), with and without a
 * JDK AOT cache, and its RSS idle and with many handles held over many connections.
 */
final class DaemonFootprint {
    private DaemonFootprint() {}

    static void report(Fixture fixture, Mode mode, PrintStream out) throws IOException {
        Path socket = fixture.root.resolve("daemon.sock");
        Path aot = fixture.root.resolve("lisa4j.aot");
        List<Long> plain = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (Daemon d = Daemon.start(fixture.exportDir, socket, List.of())) {
                plain.add(d.readyNanos);
            }
        }
        String aotResult;
        try {
            try (Daemon training = Daemon.start(fixture.exportDir, socket, List.of("-XX:AOTCacheOutput=" + aot))) {
                try (Session s = Lisa4jClient.connect(training.endpoint)) {
                    RemoteFs fs = s.mount(Fixture.EXPORT);
                    fs.stat(Fixture.DEPTH5);
                    fs.open(Fixture.BLOB, O_RDONLY).close();
                }
            }
            List<Long> cached = new ArrayList<>();
            for (int i = 0; i < 3 && Files.exists(aot); i++) {
                try (Daemon d = Daemon.start(fixture.exportDir, socket, List.of("-XX:AOTCache=" + aot))) {
                    cached.add(d.readyNanos);
                }
            }
            aotResult = cached.isEmpty() ? "no cache written (an AOT cache needs the fat jar: run ./lisa4j bench)"
                    : millis(cached);
        } catch (IOException e) {
            aotResult = "failed: " + e.getMessage();
        }
        out.println();
        out.println("| daemon | value |");
        out.println("|---|--:|");
        out.println("| start → first answered PING, launcher flags (3 runs) | " + millis(plain) + " |");
        out.println("| same with -XX:AOTCache (JDK 25 AOT cache, trained once) | " + aotResult + " |");
        try (Daemon d = Daemon.start(fixture.exportDir, socket, List.of())) {
            long idle = d.rssBytes();
            List<Session> sessions = new ArrayList<>();
            try {
                int perConnection = (mode.handlesForRss() + mode.connectionsForRss() - 1) / mode.connectionsForRss();
                int held = 0;
                for (int c = 0; c < mode.connectionsForRss(); c++) {
                    Session s = Lisa4jClient.connect(d.endpoint);
                    sessions.add(s);
                    RemoteFs fs = s.mount(Fixture.EXPORT);
                    for (int h = 0; h < perConnection && held < mode.handlesForRss(); h++, held++) {
                        fs.open(Fixture.BLOB, O_RDONLY);
                    }
                }
                out.println(String.format(Locale.ROOT, "| RSS idle | %.1f MiB |", idle / 1048576.0));
                out.println(String.format(Locale.ROOT, "| RSS with %,d open handles on %d connections | %.1f MiB |",
                        held, mode.connectionsForRss(), d.rssBytes() / 1048576.0));
            } finally {
                sessions.forEach(Session::close);
            }
        }
    }

    private static String millis(List<Long> nanos) {
        return String.join(" / ", nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f ms", n / 1e6)).toList());
    }
}
