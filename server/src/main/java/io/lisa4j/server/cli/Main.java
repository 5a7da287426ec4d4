package io.lisa4j.server.cli;

import io.lisa4j.server.LisaServer;
import io.lisa4j.server.OpsOptions;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lisa4j}: with no arguments serves a demo export; {@code lisa4j serve …} serves configured ones. */
@Command(name = "lisa4j", mixinStandardHelpOptions = true, version = "lisa4j 0.1.0",
        description = {"A LISAFS-style file server: exports host directories over Unix sockets and TCP.",
                "Without a subcommand it serves a demo export on a default Unix socket."})
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
        System.exit(commandLine(new Main()).execute(args));
    }

    public static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.addSubcommand("serve", new ServeCommand(main.onStart));
        cli.addSubcommand("certs", new CertsCommand());
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        return Daemon.run(Demo.prepare(), OpsOptions.DEFAULT, onStart, Demo::printHowToConnect);
    }
}
