package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.config.ConfigException;
import io.lisa4j.server.config.DaemonConfig;
import io.lisa4j.server.config.Settings;
import io.lisa4j.server.config.YamlConfig;
import io.lisa4j.server.log.AccessLog;
import io.lisa4j.server.log.Log;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves host directories to clients until SIGTERM or SIGINT.",
                "Settings come from --config FILE (YAML) and the flags below; a flag overrides the file."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file with the same settings as the flags (see README, 'Configuration').")
    Path config;

    @Mixin
    ServeOptions options = new ServeOptions();

    @Mixin
    SecurityOptions security = new SecurityOptions();

    private final Consumer<LisaServer> onStart;

    ServeCommand(Consumer<LisaServer> onStart) {
        this.onStart = onStart;
    }

    @Override
    public Integer call() throws Exception {
        DaemonConfig daemon;
        try {
            Settings file = config == null ? Settings.EMPTY : YamlConfig.load(config);
            daemon = file.overriddenBy(options.settings())
                    .resolve(List.of(new ListenAddress.Unix(Demo.defaultSocket())));
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "bad setting " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + config + ": " + e.getMessage(), e);
        }
        Log.setLevel(daemon.logLevel());
        AccessLog.setEnabled(daemon.accessLog());
        ServerConfig server;
        try {
            server = security.apply(daemon.server(), daemon.tls());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return Daemon.run(server, daemon.ops(), onStart, s -> {});
    }
}
