package io.lisa4j.server.cli;

import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.config.ConfigException;
import io.lisa4j.server.config.DaemonConfig;
import io.lisa4j.server.config.Settings;
import io.lisa4j.server.config.YamlConfig;
import io.lisa4j.server.log.AccessLog;
import io.lisa4j.server.log.LibraryLogs;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import java.io.IOException;
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

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        sortOptions = false,
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

    private final Consumer<LisaServer> onStart;

    ServeCommand(Consumer<LisaServer> onStart) {
        this.onStart = onStart;
    }

    @Override
    public Integer call() throws Exception {
        DaemonConfig daemon;
        try {
            daemon = resolve();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "bad setting " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + config + ": " + Reason.of(e), e);
        }
        return serve(daemon);
    }

    /** The config file's settings with the flags laid over them, checked; a ConfigException names a bad one. */
    DaemonConfig resolve() throws IOException {
        Settings file = config == null ? Settings.EMPTY : YamlConfig.load(config);
        return file.overriddenBy(options.settings()).resolve(List.of(new ListenAddress.Unix(Demo.defaultSocket())));
    }

    /** Runs the daemon until it is stopped. */
    int serve(DaemonConfig daemon) throws Exception {
        Log.setLevel(daemon.logLevel());
        LibraryLogs.levelChanged();
        AccessLog.setEnabled(daemon.accessLog());
        return Daemon.run(daemon.server(), daemon.ops(), onStart, s -> {});
    }
}
