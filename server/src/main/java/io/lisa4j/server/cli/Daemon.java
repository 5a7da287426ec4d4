package io.lisa4j.server.cli;

import io.lisa4j.server.LisaServer;
import io.lisa4j.server.OpsOptions;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import java.util.function.Consumer;

/**
 * Runs a server in the foreground until SIGTERM/SIGINT (or until someone closes it). The signal
 * drains: no new connections or requests, those in progress answered within the drain timeout,
 * then every connection, host fd and socket file is closed.
 */
final class Daemon {
    private Daemon() {}

    static int run(ServerConfig config, OpsOptions ops, Consumer<LisaServer> onStart, Consumer<LisaServer> announce)
            throws Exception {
        LisaServer server = LisaServer.start(config, ops);
        Thread hook = Thread.ofPlatform().name("lisa4j-shutdown").unstarted(() -> {
            Log.info("signal", "action", "drain", "timeout_ms", ops.drainTimeout().toMillis());
            server.shutdown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Log.info("ready", "exports", server.exports().names().size(), "listeners", server.boundAddresses().size(),
                "metrics", server.metricsAddress().map(Object::toString).orElse("off"));
        announce.accept(server);
        onStart.accept(server);
        server.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is what closed the server.
        }
        return 0;
    }
}
