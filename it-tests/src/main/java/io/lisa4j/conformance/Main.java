package io.lisa4j.conformance;

import io.lisa4j.conformance.cases.Catalogue;
import io.lisa4j.conformance.run.JunitXml;
import io.lisa4j.conformance.run.Result;
import io.lisa4j.conformance.run.SetupFailure;
import io.lisa4j.conformance.run.Suite;
import io.lisa4j.conformance.run.Tally;
import io.lisa4j.conformance.run.Target;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.tls.cli.ClientTlsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.LogManager;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa4j conformance}: runs every case of the catalogue against a server and reports. */
@Command(name = "lisa4j conformance", mixinStandardHelpOptions = true, version = "lisa4j-conformance 0.1.0",
        sortOptions = false,
        description = {
            "Checks a server of the lisa4j protocol against PROTOCOL.md: one line per",
            "case, then 'N passed, N failed, N skipped'. Exit status: 0 when no case",
            "failed, 1 when one did, 2 when the suite could not run (one line on stderr",
            "names why).",
            "",
            "--export names the scratch export, which the suite MOUNTs; it creates and",
            "removes files only in a directory of its own there. With --export-path (that",
            "export's host directory, when the server runs on this machine) it also checks",
            "replies against the kernel and runs the differential mode.",
            "",
            "The read-only cases need a file, a directory and a symlink in --ro-export,",
            "which nothing can write through it. The suite makes them through the scratch",
            "export when the read-only export serves the same directory (serve",
            "--export scratch=DIR --export ro=DIR:ro), or in --ro-export-path. A tree of",
            "'file' (holding 'read-only'), 'dir' and 'link' -> file at the export's root",
            "is used as it is. Otherwise those cases are skipped, saying why.",
            "",
            "A tcp: target speaks mutual TLS with --tls-dir and --identity (the files",
            "'lisa4j certs' wrote), and plaintext without (a server with --insecure-tcp)."},
        footer = {"", "Example:",
            "  lisa4j serve --listen unix:/run/c.sock \\",
            "      --export scratch=/srv/c --export ro=/srv/c:ro",
            "  lisa4j conformance --target unix:/run/c.sock \\",
            "      --export scratch --export-path /srv/c --ro-export ro"})
public final class Main implements Callable<Integer> {
    /** Exit status when the suite could not run at all. */
    static final int CANNOT_RUN = 2;

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

    @Option(names = "--ro-export-path", paramLabel = "DIR",
            description = "The read-only export's host directory, when local and writable here: the suite makes "
                    + "the read-only cases' tree in it (and removes it afterwards).")
    Path roExportPath;

    @Option(names = "--second-export", paramLabel = "NAME",
            description = "Another read-write export, for EXDEV across exports (cases skip without it).")
    String secondExport;

    @Mixin
    ClientTlsOptions tls;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write a JUnit XML report.")
    Path junitXml;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the differential mode (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--steps", paramLabel = "N", description = "Steps of the differential mode (default ${DEFAULT-VALUE}).")
    int steps = 10_000;

    @Option(names = "--only", paramLabel = "REGEX", description = "Run only cases whose 'id name' matches.")
    String only;

    @Option(names = "--debug",
            description = "On a failure to run, print the stack trace too; keep the libraries' own log lines.")
    boolean debug;

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
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new Main(out));
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("conformance: " + e.getMessage() + " (lisa4j conformance --help lists the options)");
            return CANNOT_RUN;
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            Main main = c.getCommand();
            err.println("conformance: " + oneLine(e));
            if (main.debug) {
                e.printStackTrace(err);
            }
            return CANNOT_RUN;
        });
        return cmd.execute(args);
    }

    /** What went wrong, in one line a person can act on. */
    private static String oneLine(Exception e) {
        if (e instanceof SetupFailure || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof ErrnoException errno) {
            return errno.getMessage() + " (" + SetupFailure.errnoName(errno) + ")";
        }
        return e instanceof IOException ? e.getMessage() : e.toString();
    }

    private static Credentials credentials(String uidGid) {
        String[] parts = uidGid.split(":");
        try {
            if (parts.length == 2) {
                return new Credentials(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), new int[0]);
            }
        } catch (NumberFormatException e) {
            // reported below, as any other malformed value
        }
        throw new IllegalArgumentException("--caller wants UID:GID (two numbers), got " + uidGid);
    }

    @Override
    public Integer call() throws Exception {
        if (!debug) {
            // Libraries report through java.util.logging (Netty on a refused TLS handshake, Bouncy Castle
            // on its first use) in lines of their own; the suite says what went wrong itself, in one line.
            LogManager.getLogManager().reset();
        }
        Target target = new Target(endpoint, tls.files(), export, absolute(exportPath), roExport,
                absolute(roExportPath), secondExport, seed, steps, only == null ? null : Pattern.compile(only),
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

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
