package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.lisa4j.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code lisa4j ARGS} run in this JVM: a daemon that started (stopped by {@link #close}), or a usage error. */
final class InProcessServe implements AutoCloseable {
    final LisaServer server;
    private final CompletableFuture<Integer> exit;

    private InProcessServe(LisaServer server, CompletableFuture<Integer> exit) {
        this.server = server;
        this.exit = exit;
    }

    static InProcessServe start(String... args) throws Exception {
        CompletableFuture<LisaServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.execute(new Main(started::complete), args));
        CompletableFuture.anyOf(started, exit).get(30, TimeUnit.SECONDS);
        if (!started.isDone()) {
            fail("lisa4j exited with " + exit.get() + " before serving");
        }
        return new InProcessServe(started.get(), exit);
    }

    /** What {@code lisa4j ARGS} printed on stderr; it must have exited as a usage error (2). */
    static String usageError(String... args) {
        CommandLine cli = Main.commandLine(new Main());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute(args), err.toString());
        return err.toString();
    }

    /** Shuts the daemon down and returns its exit code. */
    int stop() throws Exception {
        server.shutdown();
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
