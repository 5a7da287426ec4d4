package io.lisa4j.fuse.bench;

import io.lisa4j.fuse.LisaMount;
import io.lisa4j.fuse.MountOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mount benchmark row: the same workload on a local directory, through bindfs over a local
 * directory, and through a lisa4j mount, in one run, so that FUSE's own cost is told apart from
 * lisa4j's, and a lisa4j mount without descriptor donation beside the default one. Usage: {@code MountBench <target> <export> <work-dir>}; the export must be empty and
 * writable, and work-dir a scratch directory on a local file system.
 */
public final class MountBench {
    /** Attribute and entry cache timeouts: none (the default, a shared tree), and one second. */
    private static final double[] CACHE_TIMEOUTS = {0, 1};

    private MountBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MountBench <target> <export> <work-dir>");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        Map<String, List<Workload.Figure>> rows = new LinkedHashMap<>();
        run(Files.createDirectories(work.resolve("jit-warm-up")));
        rows.put("local directory", run(Files.createDirectories(work.resolve("local"))));
        for (double timeout : CACHE_TIMEOUTS) {
            Path bindMnt = Files.createDirectories(work.resolve("bindfs-mnt-" + timeout));
            Path bindSrc = Files.createDirectories(work.resolve("bindfs-src-" + timeout));
            try (BindfsMount b = BindfsMount.mount(bindSrc, bindMnt, timeout)) {
                rows.put("bindfs, timeouts " + timeout + " s", run(bindMnt));
            }
            MountOptions options = new MountOptions(timeout, timeout, false, MountOptions.DEFAULTS.callTimeout(), false, List.of(), true);
            rows.put("lisa4j mount, timeouts " + timeout + " s", runMounted(args, work, "t" + timeout, options));
            if (timeout == 0) {
                rows.put("lisa4j, no fd donation, 0 s", runMounted(args, work, "in-band", options.withFdDonation(false)));
            }
        }
        print(rows);
    }

    /** The workload through a lisa4j mount; each run gets its own directory in the one export. */
    private static List<Workload.Figure> runMounted(String[] args, Path work, String name, MountOptions options)
            throws IOException {
        Path mnt = Files.createDirectories(work.resolve("lisa4j-mnt-" + name));
        try (LisaMount m = LisaMount.mount(args[0], args[1], mnt, options)) {
            return run(Files.createDirectories(mnt.resolve(name)));
        }
    }

    private static List<Workload.Figure> run(Path dir) throws IOException {
        Workload w = new Workload(dir);
        w.prepare();
        List<Workload.Figure> figures = new ArrayList<>();
        figures.add(w.statStorm());
        figures.add(w.smallFileRead());
        figures.add(w.sequentialWrite());
        figures.add(w.sequentialRead());
        return figures;
    }

    private static void print(Map<String, List<Workload.Figure>> rows) {
        String format = "| %-31s | %14s | %16s | %16s | %16s |%n";
        System.out.printf(Locale.ROOT, format, "where", "stat storm", "small-file read", "1 MiB seq write", "1 MiB seq read");
        System.out.printf(Locale.ROOT, format, "---", "---", "---", "---", "---");
        rows.forEach((name, f) -> System.out.printf(Locale.ROOT, format, name, f.get(0), f.get(1), f.get(2), f.get(3)));
        System.out.printf(Locale.ROOT, "(%d lstat calls over %d files; %d files of %d bytes, 3 rounds; %d MiB in 1 MiB calls, fsync after writing)%n",
                Workload.STATS, Workload.FILES, Workload.FILES, Workload.SMALL_SIZE, Workload.BIG_CHUNKS);
    }
}
