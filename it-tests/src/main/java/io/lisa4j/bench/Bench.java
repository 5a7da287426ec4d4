package io.lisa4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The speed benchmark (issue 6): each operation through the local FFM syscalls (the limit), the
 * client over a Unix socket (in band, and with donated descriptors where that applies) and over
 * plaintext loopback TCP, at 1, 4 and 16 client threads; then the daemon's start time and RSS.
 * {@code ./lisa4j bench} runs the full mode; {@code --quick} takes seconds (the smoke test);
 * {@code --threading} measures where the daemon should run syscalls instead ({@link ThreadingBench});
 * {@code --only TEXT} runs just the operations whose name contains TEXT; {@code --daemon} just the
 * daemon's start times and RSS ({@link DaemonFootprint}).
 */
public final class Bench {
    private static final int KIB4 = 4096;
    private static final int MIB = 1 << 20;

    private Bench() {}

    static final String USAGE = """
            Usage: lisa4j bench [--quick] [--only TEXT | --threading | --daemon] [--debug]
            The speed benchmark: each operation through local syscalls, the SDK over a Unix socket and over
            loopback TCP, at 1, 4 and 16 client threads, then the daemon's start time and RSS (about 9 minutes).
              --quick      a few seconds per table instead (a smoke test, not figures)
              --only TEXT  only the operations whose name contains TEXT
              --threading  where the daemon should run syscalls: event loop, workers, virtual threads
              --daemon     only the daemon's start times and RSS
              --debug      a failure's stack trace
              -h, --help   this text; runs nothing
            """;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs {@code lisa4j bench ARGS}; returns the exit status. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        List<String> flags = List.of(args);
        String unknown = unknownArgument(flags);
        if (flags.contains("--help") || flags.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        if (unknown != null) {
            err.println("lisa4j bench: " + unknown + "; see 'lisa4j bench --help'");
            return 2;
        }
        Mode mode = flags.contains("--quick") ? Mode.QUICK : Mode.FULL;
        int only = flags.indexOf("--only");
        try {
            if (flags.contains("--threading")) {
                ThreadingBench.run(mode, out);
            } else if (flags.contains("--daemon")) {
                try (Fixture f = new Fixture(mode)) {
                    DaemonFootprint.report(f, mode, out);
                }
            } else {
                run(mode, only >= 0 ? args[only + 1] : "", out);
            }
            return 0;
        } catch (Exception e) {
            err.println("lisa4j bench: " + e.getMessage());
            if (flags.contains("--debug")) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** What in {@code flags} the benchmark does not take, described; null when all is well. */
    private static String unknownArgument(List<String> flags) {
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (flag.equals("--only")) {
                if (++i == flags.size()) {
                    return "--only needs TEXT";
                }
            } else if (!List.of("--quick", "--threading", "--daemon", "--debug", "--help", "-h").contains(flag)) {
                return "unknown argument " + flag;
            }
        }
        return null;
    }

    /** Runs every row of {@code mode} and prints the tables; returns the rows. */
    public static List<Row> run(Mode mode, PrintStream out) throws Exception {
        return run(mode, "", out);
    }

    /**
     * Runs the rows whose operation contains {@code only} (all when empty) and prints the table;
     * the daemon figures come only with the full set.
     */
    static List<Row> run(Mode mode, String only, PrintStream out) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Fixture f = new Fixture(mode);
                RawEcho rawUnix = RawEcho.unix(f.root.resolve("raw.sock"));
                RawEcho rawTcp = RawEcho.tcp()) {
            out.printf("lisa4j bench, %s mode: %d ms warm-up + %d ms measured per row; %d CPUs; %s%n", mode.name(),
                    mode.warmupMillis(), mode.measureMillis(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            out.println("TCP is plaintext loopback. Remote rows share one session per target among all threads.");
            out.println("Client and server share this JVM (SerialGC); every row ran once before the measured pass.");
            out.println();
            List<Case> cases = cases(f, mode, rawUnix, rawTcp);
            Runner runner = new Runner(mode.warmupMillis(), mode.measureMillis());
            List<String> ops = cases.stream().map(Case::op).distinct().filter(op -> op.contains(only)).toList();
            // One pass over every row first, so the JIT has compiled client and server paths before any
            // row is measured; each row then warms up again on its own.
            for (Case c : cases) {
                if (ops.contains(c.op())) {
                    runner.run(c.work(), 1, c.rpcs());
                }
            }
            for (String op : ops) {
                for (int threads : mode.threads()) {
                    for (Case c : cases) {
                        if (c.op().equals(op)) {
                            rows.add(new Row(c, threads, runner.run(c.work(), threads, c.rpcs())));
                        }
                    }
                }
            }
            Table.print(rows, out);
            if (only.isEmpty()) {
                DaemonFootprint.report(f, mode, out);
            }
        }
        return rows;
    }

    private static List<Case> cases(Fixture f, Mode mode, RawEcho rawUnix, RawEcho rawTcp) throws Exception {
        LocalOps local = new LocalOps(f);
        RemoteOps unix = new RemoteOps(f, f.unix, "u");
        RemoteOps donated = new RemoteOps(f, f.donating, "d");
        RemoteOps tcp = new RemoteOps(f, f.tcp, "t");
        List<Case> cases = new ArrayList<>();
        Targets t = new Targets(f, cases);
        t.metadata("stat depth 1", local.stat(Fixture.DEPTH1), unix.stat(Fixture.DEPTH1), tcp.stat(Fixture.DEPTH1));
        t.metadata("stat depth 5", local.stat(Fixture.DEPTH5), unix.stat(Fixture.DEPTH5), tcp.stat(Fixture.DEPTH5));
        t.metadata("open+close", local.openClose(), unix.openClose(), tcp.openClose());
        t.metadata("create+unlink", local.createUnlink(), unix.createUnlink(), tcp.createUnlink());
        t.metadata("mkdir+rmdir", local.mkdirRmdir(), unix.mkdirRmdir(), tcp.mkdirRmdir());
        t.data("pread 4 KiB random", local.randomRead(KIB4), donated.randomRead(KIB4), unix.randomRead(KIB4),
                tcp.randomRead(KIB4));
        t.data("read 1 MiB sequential", local.sequentialRead(MIB), donated.sequentialRead(MIB),
                unix.sequentialRead(MIB), tcp.sequentialRead(MIB));
        cases.add(new Case("read 1 MiB sequential", "unix 4 outstanding", "local", unix.pipelinedRead(MIB, 4),
                t.rpcs(f.unix)));
        cases.add(new Case("read 1 MiB sequential", "tcp 4 outstanding", "local", tcp.pipelinedRead(MIB, 4),
                t.rpcs(f.tcp)));
        t.data("write 1 MiB sequential", local.sequentialWrite(MIB, mode.writeWrapBytes()),
                donated.sequentialWrite(MIB, mode.writeWrapBytes()), unix.sequentialWrite(MIB, mode.writeWrapBytes()),
                tcp.sequentialWrite(MIB, mode.writeWrapBytes()));
        t.metadata("readdir 1000 + attrs", local.readdirWithAttrs(), unix.readdirWithAttrs(), tcp.readdirWithAttrs());
        cases.add(new Case("empty RPC", "raw unix ping-pong", "raw unix ping-pong", rawUnix.pingPong(), null));
        cases.add(new Case("empty RPC", "unix PING", "raw unix ping-pong", unix.ping(), t.rpcs(f.unix)));
        cases.add(new Case("empty RPC", "raw tcp ping-pong", "raw tcp ping-pong", rawTcp.pingPong(), null));
        cases.add(new Case("empty RPC", "tcp PING", "raw tcp ping-pong", tcp.ping(), t.rpcs(f.tcp)));
        return cases;
    }
}
