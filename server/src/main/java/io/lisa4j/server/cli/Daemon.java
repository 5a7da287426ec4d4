package io.lisa4j.server.cli;

import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.log.Log;
import java.util.function.Consumer;

/** Runs a server in the foreground until SIGTERM/SIGINT (or until someone closes it). */
final class Daemon {
    private Daemon() {}

    static int run(ServerConfig config, Consumer<LisaServer> onStart, Consumer<LisaServer> announce) throws Exception {
        LisaServer server = LisaServer.start(config);
        Thread hook = Thread.ofPlatform().name("lisa4j-shutdown").unstarted(() -> {
            Log.info("signal", "action", "shutdown");
            server.close();
        });
        Runtime.getRuntime().addShutdownHook(hook);
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
