package io.lisa4j.server.cli;

import io.lisa4j.server.LisaServer;
import io.lisa4j.server.OpsOptions;
import io.lisa4j.server.Preload;
import io.lisa4j.server.config.DaemonConfig;
import io.lisa4j.server.log.LibraryLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lisa4j}: with no arguments serves a demo export; {@code lisa4j serve …} serves configured ones. */
@Command(name = "lisa4j", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = {"A LISAFS-style file server: exports host directories over Unix sockets and TCP.",
                "Without a subcommand it serves a demo export on a default Unix socket."},
        footer = {"", "mount, conformance, bench and mount-bench run through the ./lisa4j launcher of a source tree.",
                "'lisa4j COMMAND --help' describes a command; --help never runs one."})
public final class Main implements Callable<Integer> {
    private final Consumer<LisaServer> onStart;

    public Main() {
        this(server -> {});
    }

    /** {@code onStart} sees the running server; in-process callers use it to stop it. */
    public Main(Consumer<LisaServer> onStart) {
        this.onStart = onStart;
    }

    public static void main(String[] args) {
        prepareProcess(args);
        System.exit(execute(new Main(), args));
    }

    /** What the daemon's process does before it reads its command line {@code args}. */
    static void prepareProcess(String... args) {
        // Netty's allocator emits JFR events of its own; the first one initialises JFR's event
        // metadata (about 0.15 s, on the first request) even when nothing records. Opt back in with
        // -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        LibraryLogs.install();
        if (args.length == 0 || args[0].equals("serve")) {
            Preload.start();
        }
    }

    /**
     * Runs {@code lisa4j ARGS} as picocli would. The demo (no arguments) and a plain {@code serve}
     * command line, the daemon's usual start, skip picocli's model (see {@link PlainArgs}); help,
     * {@code certs} and every command line picocli would refuse or report go through picocli.
     */
    public static int execute(Main main, String... args) {
        Callable<Integer> plain = main.plain(args);
        if (plain == null) {
            return commandLine(main).execute(args);
        }
        try {
            return plain.call();
        } catch (Exception | LinkageError e) {
            return new Failure(List.of(args), new PrintWriter(System.err, true)).report(e);
        }
    }

    /** What {@code args} run, read without picocli; null when picocli must read them. */
    private Callable<Integer> plain(String[] args) {
        if (args.length == 0) {
            return this;
        }
        if (!args[0].equals("serve")) {
            return null;
        }
        ServeCommand serve = new ServeCommand(onStart);
        if (!PlainArgs.read(serve, List.of(args).subList(1, args.length))) {
            return null;
        }
        DaemonConfig daemon;
        try {
            daemon = serve.resolve();
        } catch (IOException | RuntimeException e) {
            return null; // picocli reads the command line again and reports the error as a usage error
        }
        return () -> serve.serve(daemon);
    }

    public static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.addSubcommand("serve", new ServeCommand(main.onStart));
        cli.addSubcommand("certs", new CertsCommand());
        LauncherCommands.addTo(cli);
        cli.setExecutionExceptionHandler((e, command, parsed) ->
                new Failure(parsed.originalArgs(), command.getErr()).report(e));
        cli.setParameterExceptionHandler((e, args) -> new Failure(List.of(args), e.getCommandLine().getErr()).usage(e));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        return Daemon.run(Demo.prepare(), OpsOptions.DEFAULT, onStart, Demo::printHowToConnect);
    }
}
