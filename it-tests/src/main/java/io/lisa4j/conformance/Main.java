package io.lisa4j.conformance;

import io.lisa4j.conformance.cases.Catalogue;
import io.lisa4j.conformance.run.JunitXml;
import io.lisa4j.conformance.run.Result;
import io.lisa4j.conformance.run.Suite;
import io.lisa4j.conformance.run.Tally;
import io.lisa4j.conformance.run.Target;
import io.lisa4j.protocol.value.Credentials;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa4j-conformance}: runs every case of the catalogue against a server and reports. */
@Command(name = "lisa4j-conformance", mixinStandardHelpOptions = true, version = "lisa4j-conformance 0.1.0",
        sortOptions = false,
        description = {
            "Checks a server of the lisa4j protocol against PROTOCOL.md: one line per case,",
            "then 'N passed, N failed'. Exits 1 when any case fails.",
            "",
            "The protocol mounts exports by name: --export names the scratch export, whose fsid the",
            "suite obtains with MOUNT. The suite creates and removes files only in a directory of its",
            "own inside it. With --export-path (the export's host directory, when the server runs on",
            "this machine) it also checks replies against the kernel and runs the differential mode."})
public final class Main implements Callable<Integer> {
    @Option(names = "--target", required = true, paramLabel = "ADDR",
            description = "unix:/path/to.sock or tcp:host:port")
    String endpoint;

    @Option(names = "--export", required = true, paramLabel = "NAME",
            description = "A scratch read-write export (stands for the fsid MOUNT returns for it).")
    String export;

    @Option(names = "--export-path", paramLabel = "DIR",
            description = "The scratch export's host directory, when local: enables kernel-oracle checks and "
                    + "the differential mode.")
    Path exportPath;

    @Option(names = "--ro-export", paramLabel = "NAME", description = "A read-only export (cases skip without it).")
    String roExport;

    @Option(names = "--second-export", paramLabel = "NAME",
            description = "Another read-write export, for EXDEV across exports (cases skip without it).")
    String secondExport;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write a JUnit XML report.")
    Path junitXml;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the differential mode (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--steps", paramLabel = "N", description = "Steps of the differential mode (default ${DEFAULT-VALUE}).")
    int steps = 10_000;

    @Option(names = "--only", paramLabel = "REGEX", description = "Run only cases whose 'id name' matches.")
    String only;

    @Option(names = "--caller", paramLabel = "UID:GID",
            description = "Send these caller credentials with every SDK request (for an export that delegates "
                    + "credentials); the differential mode's kernel side then acts as the same uid and gid "
                    + "(needs root). Meant with --only differential.")
    String caller;

    private final PrintStream out;

    public Main() {
        this(System.out);
    }

    public Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new Main(out)).execute(args);
    }

    private static Credentials credentials(String uidGid) {
        String[] parts = uidGid.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--caller wants UID:GID, got " + uidGid);
        }
        return new Credentials(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), new int[0]);
    }

    @Override
    public Integer call() throws Exception {
        Target target = new Target(endpoint, export,
                exportPath == null ? null : exportPath.toAbsolutePath().normalize(),
                roExport, secondExport, seed, steps, only == null ? null : Pattern.compile(only),
                caller == null ? null : credentials(caller));
        List<Result> results = Suite.run(target, Catalogue.all(), r -> out.println(r.line()));
        Tally tally = Tally.of(results);
        out.println(tally.line());
        out.flush();
        if (junitXml != null) {
            JunitXml.write(junitXml, "lisa4j-conformance " + endpoint, results);
        }
        return tally.failed() == 0 ? 0 : 1;
    }
}
