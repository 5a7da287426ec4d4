package io.lisa4j.server.cli;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.server.Limits;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        description = "Serves host directories to clients until SIGTERM or SIGINT.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--export", paramLabel = "NAME=DIR[:ro]", required = true,
            description = "Export DIR under NAME; ':ro' makes it read-only. Repeatable.")
    List<String> exports = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "unix:/path/to.sock or tcp:host:port (port 0 picks one). Repeatable. "
                    + "Default: lisa4j.sock in $XDG_RUNTIME_DIR/lisa4j-demo, else in /tmp/lisa4j-demo.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "Largest frame offered in HELLO (default ${DEFAULT-VALUE}).")
    int maxMessageSize = Limits.DEFAULT.maxMessageSize();

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Requests one connection may have outstanding (default ${DEFAULT-VALUE}).")
    int maxInFlight = Limits.DEFAULT.maxInFlight();

    @Option(names = "--max-handles", paramLabel = "N",
            description = "Open handles one connection may hold (default ${DEFAULT-VALUE}).")
    int maxHandles = Limits.DEFAULT.maxHandles();

    @Option(names = "--workers", paramLabel = "N",
            description = "Platform threads running filesystem calls (default ${DEFAULT-VALUE}).")
    int workers = ServerConfig.DEFAULT_WORKERS;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads; 0 lets Netty choose.")
    int ioThreads = 0;

    @Option(names = "--debug", description = "Log every connection and refused request.")
    boolean debug;

    @Mixin
    SecurityOptions security = new SecurityOptions();

    private final Consumer<LisaServer> onStart;

    ServeCommand(Consumer<LisaServer> onStart) {
        this.onStart = onStart;
    }

    @Override
    public Integer call() throws Exception {
        Log.setDebug(debug);
        List<ExportSpec> specs = new ArrayList<>();
        for (String export : exports) {
            specs.add(parseExport(export));
        }
        List<ListenAddress> addresses = new ArrayList<>();
        try {
            if (listen.isEmpty() && security.inheritFds.isEmpty()) {
                addresses.add(new ListenAddress.Unix(Demo.defaultSocket()));
            }
            for (String address : listen) {
                addresses.add(ListenAddress.parse(address));
            }
            Limits limits = new Limits(maxMessageSize, maxInFlight, maxHandles, ProtocolConstants.MAX_COMPONENTS,
                    ProtocolConstants.MAX_NAME_LENGTH);
            ServerConfig config = ServerConfig.of(addresses, specs).withLimits(limits)
                    .withWorkers(workers, ServerConfig.DEFAULT_WORKER_QUEUE).withIoThreads(ioThreads);
            config = security.apply(config);
            return Daemon.run(config, onStart, server -> {});
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private ExportSpec parseExport(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new ParameterException(spec.commandLine(), "--export wants NAME=DIR[:ro], got " + value);
        }
        String name = value.substring(0, eq);
        String dir = value.substring(eq + 1);
        boolean readOnly = false;
        if (dir.endsWith(":ro")) {
            readOnly = true;
            dir = dir.substring(0, dir.length() - 3);
        } else if (dir.endsWith(":rw")) {
            dir = dir.substring(0, dir.length() - 3);
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new ParameterException(spec.commandLine(), "export " + name + ": " + path + " is not a directory");
        }
        return ExportSpec.host(name, path.toString(), readOnly);
    }
}
