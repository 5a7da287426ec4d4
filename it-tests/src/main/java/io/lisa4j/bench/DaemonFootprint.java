package io.lisa4j.bench;

import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The daemon's start-up time (process start to its first answered PING) and its RSS idle and with
 * many handles held over many connections. Through the {@code ./lisa4j} launcher (as
 * {@code ./lisa4j bench} runs it): the cold start, which first makes the JDK AOT cache, then warm
 * starts with it, and starts with the cache turned off; the cache lives in the fixture's directory,
 * so the user's own is left alone. Without a launcher, starts with the launcher's JVM flags only.
 */
final class DaemonFootprint {
    private DaemonFootprint() {}

    static void report(Fixture fixture, Mode mode, PrintStream out) throws IOException {
        Path socket = fixture.root.resolve("daemon.sock");
        Map<String, String> cached = Map.of("LISA4J_AOT_DIR", fixture.root.resolve("aot").toString());
        List<String> rows = new ArrayList<>();
        if (Daemon.launcher().isPresent()) {
            long cold;
            try (Daemon d = Daemon.start(fixture.exportDir, socket, cached)) {
                cold = d.readyNanos;
            }
            rows.add("| start → first answered PING, `./lisa4j serve`, first start (makes the AOT cache) | "
                    + millis(List.of(cold)) + " |");
            rows.add("| same, later starts (with the AOT cache), " + mode.startRuns() + " runs | "
                    + starts(fixture, socket, cached, mode.startRuns()) + " |");
            rows.add("| same with `LISA4J_AOT=off` (no cache), " + mode.startRuns() + " runs | "
                    + starts(fixture, socket, Map.of("LISA4J_AOT", "off"), mode.startRuns()) + " |");
        } else {
            rows.add("| start → first answered PING, launcher's JVM flags, no AOT cache (`./lisa4j bench` "
                    + "starts it through the launcher), " + mode.startRuns() + " runs | "
                    + starts(fixture, socket, Map.of(), mode.startRuns()) + " |");
        }
        out.println();
        out.println("| daemon | value |");
        out.println("|---|--:|");
        rows.forEach(out::println);
        try (Daemon d = Daemon.start(fixture.exportDir, socket, cached)) {
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

    /** {@code runs} starts: their median, then each. */
    private static String starts(Fixture fixture, Path socket, Map<String, String> env, int runs)
            throws IOException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Daemon d = Daemon.start(fixture.exportDir, socket, env)) {
                nanos.add(d.readyNanos);
            }
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return "median " + millis(List.of(sorted.get(sorted.size() / 2))) + " (" + millis(nanos) + ")";
    }

    private static String millis(List<Long> nanos) {
        return String.join(" / ", nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f ms", n / 1e6)).toList());
    }
}
