package io.lisa4j.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands the {@code ./lisa4j} launcher of a source tree runs from other modules' jars
 * (mount, conformance, benchmarks). Listed in the daemon's help so that it names every command;
 * given to the daemon's own jar, they say where they run instead.
 */
final class LauncherCommands {
    private static final String[][] COMMANDS = {
        {"mount", "Mounts an export through kernel FUSE (needs fuse3)."},
        {"conformance", "Checks any server against the protocol's conformance suite."},
        {"bench", "The speed benchmark: local syscalls vs the SDK over Unix socket and TCP."},
        {"mount-bench", "Compares a FUSE mount with the local directory and bindfs."},
    };

    private LauncherCommands() {}

    static void addTo(CommandLine cli) {
        for (String[] command : COMMANDS) {
            String name = command[0];
            CommandSpec spec = CommandSpec.wrapWithoutInspection((java.util.concurrent.Callable<Integer>) () -> {
                throw new IllegalStateException("'" + name + "' is run by the ./lisa4j launcher of a source tree "
                        + "(./lisa4j " + name + " --help), not by the daemon's jar");
            });
            spec.name(name);
            spec.usageMessage().description(command[1]);
            spec.parser().unmatchedArgumentsAllowed(true);
            cli.addSubcommand(name, new CommandLine(spec));
        }
    }
}
