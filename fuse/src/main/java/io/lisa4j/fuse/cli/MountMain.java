package io.lisa4j.fuse.cli;

import io.lisa4j.client.ReconnectPolicy;
import io.lisa4j.fuse.LisaMount;
import io.lisa4j.fuse.MountOptions;
import io.lisa4j.tls.TlsFiles;
import io.lisa4j.tls.cli.ClientTlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lisa4j mount <target> <export> <mountpoint>}: serves the mount until SIGTERM or SIGINT, then unmounts. */
@Command(name = "lisa4j mount", mixinStandardHelpOptions = true, version = "lisa4j 0.1.0",
        description = {"Mounts a lisa4j export at a directory through the kernel's FUSE.",
                "Runs in the foreground; SIGTERM or SIGINT unmounts cleanly."})
public final class MountMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<target>", description = "the server: unix:/path/to.sock, or tcp:host:port with --tls-dir and --identity")
    String target;

    @Parameters(index = "1", paramLabel = "<export>", description = "the export's name")
    String export;

    @Parameters(index = "2", paramLabel = "<mountpoint>", description = "an existing empty directory")
    Path mountpoint;

    @Option(names = "--attr-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "how long the kernel may cache attributes (default ${DEFAULT-VALUE}: a shared tree)")
    double attrTimeout;

    @Option(names = "--entry-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "how long the kernel may cache names, found or not (default ${DEFAULT-VALUE})")
    double entryTimeout;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "longest wait for one reply before the caller gets EIO (default ${DEFAULT-VALUE})")
    long callTimeout;

    @Option(names = "--allow-other", description = "let users other than the mounting one use the mount")
    boolean allowOther;

    @Option(names = {"-o", "--option"}, paramLabel = "OPT", description = "a further libfuse option, repeatable")
    List<String> extra = List.of();

    @Option(names = "--no-fd-donation",
            description = "on a unix: target, read and write every file through the server instead of on "
                    + "the host descriptor it can donate")
    boolean noFdDonation;

    @Option(names = "--reconnect-attempts", paramLabel = "N", defaultValue = "300",
            description = "attempts to reconnect after the connection drops, backed off up to 0.1 s apart; "
                    + "0 ends the mount's session at the first loss (default ${DEFAULT-VALUE})")
    int reconnectAttempts;

    @Option(names = "--keepalive", paramLabel = "SECONDS", defaultValue = "60",
            description = "PING the server after this long without a request, below its idle timeout; "
                    + "0 never (default ${DEFAULT-VALUE})")
    long keepalive;

    @Option(names = "--debug", description = "libfuse's debug log of every request, and stack traces of failures")
    boolean debug;

    @Mixin
    ClientTlsOptions tls;

    public static void main(String[] args) {
        MountMain main = new MountMain();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // One line naming what failed and why (the errno's name is in the message); a trace only with --debug.
            System.err.println("lisa4j mount: " + e.getMessage());
            if (main.debug) {
                e.printStackTrace();
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    private ReconnectPolicy reconnectPolicy() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULTS.withKeepalive(Duration.ofSeconds(Math.max(0, keepalive)));
        return reconnectAttempts <= 0 ? p.withEnabled(false) : p.withMaxAttempts(reconnectAttempts);
    }

    @Override
    public Integer call() throws Exception {
        MountOptions options = new MountOptions(attrTimeout, entryTimeout, allowOther,
                Duration.ofSeconds(callTimeout), debug, extra, !noFdDonation, reconnectPolicy());
        TlsFiles tlsFiles;
        try {
            tlsFiles = tls.files();
        } catch (IllegalArgumentException e) {
            System.err.println("lisa4j mount: " + e.getMessage());
            return 2;
        }
        LisaMount mount = LisaMount.mount(target, export, mountpoint.toAbsolutePath(), options, tlsFiles);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                mount.close();
                System.err.println("lisa4j mount: unmounted " + mountpoint);
            } catch (Exception e) {
                System.err.println("lisa4j mount: unmount of " + mountpoint + " failed: " + e.getMessage());
            } finally {
                done.countDown();
            }
        }, "lisa4j-unmount"));
        System.err.println("lisa4j mount: " + export + " at " + target + " mounted on " + mountpoint
                + " (SIGTERM or Ctrl-C unmounts)");
        done.await();
        return 0;
    }
}
