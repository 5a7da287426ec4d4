package io.lisa4j.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code serve}'s command line read without picocli: the same settings as picocli's, or left to picocli. */
class PlainArgsTest {
    @TempDir
    Path dir;

    @Test
    void plainCommandLinesGiveWhatPicocliGives() throws Exception {
        for (String pem : List.of("ca.pem", "server.pem", "server-key.pem")) {
            Files.writeString(dir.resolve(pem), "");
        }
        String export = "data=" + dir;
        List<List<String>> lines = List.of(
                List.of("--export", export),
                List.of("--export=" + export, "--listen=unix:" + dir.resolve("s.sock")),
                List.of("--export", export, "--export", "second=" + dir + ":ro", "--listen", "tcp:127.0.0.1:0",
                        "--insecure-tcp", "--listen", "unix:" + dir.resolve("s.sock")),
                List.of("--export", export, "--max-handles", "20000", "--max-bytes-in-flight", "9000000000",
                        "--workers", "3", "--io-threads", "0", "--debug", "--no-access-log", "--drain-timeout", "2s",
                        "--idle-timeout", "5m", "--socket-mode", "0660", "--inherit-fd", "3", "--inherit-fd", "4"),
                List.of("--export", export, "--allow", "data=uid:1000:ro", "--allow", "data=tls:a",
                        "--delegate-credentials", "data", "--allow-setid", "data", "--allow-security-xattrs", "data",
                        "--no-insecure-tcp", "--access-log", "--log-level", "warn", "--metrics", "tcp:127.0.0.1:0",
                        "--config", dir.resolve("lisa4j.yaml").toString(), "--tls-dir", dir.toString()));
        for (List<String> line : lines) {
            ServeCommand plain = new ServeCommand(s -> {});
            assertTrue(PlainArgs.read(plain, line), line::toString);
            ServeCommand picocli = picocli(line);
            assertEquals(picocli.options.settings(), plain.options.settings(), line::toString);
            assertEquals(picocli.config, plain.config, line::toString);
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String export = "data=" + dir;
        List<List<String>> lines = List.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
                List.of("--export", export, "--unknown"), List.of("--export"), List.of("--export", export, "extra"),
                List.of("--export", export, "--workers", "010"), List.of("--export", export, "--workers", "0x10"),
                List.of("--export", export, "--workers=abc"), List.of("--export", export, "--workers", "-1"),
                List.of("--export", export, "--workers", "99999999999"),
                List.of("--export", export, "--workers", "1", "--workers", "2"),
                List.of("--export", export, "--access-log=true"), List.of("--no-export", export),
                List.of("--no-debug", "--export", export), List.of("@args.txt"), List.of("--", "--export", export),
                List.of("--export", "--listen"), List.of("--export", export, "--metrics", "@file"));
        for (List<String> line : lines) {
            assertFalse(PlainArgs.read(new ServeCommand(s -> {}), line), line::toString);
        }
    }

    /** Each flag picocli knows for {@code serve}, help and version aside, is read without it. */
    @Test
    void everyServeFlagIsRead() {
        CommandLine serve = Main.commandLine(new Main()).getSubcommands().get("serve");
        Set<String> standard = Set.of("--help", "--version");
        int flags = 0;
        for (OptionSpec option : serve.getCommandSpec().options()) {
            if (standard.contains(option.longestName())) {
                continue;
            }
            List<String> line = new ArrayList<>(List.of(option.longestName()));
            Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
            if (option.arity().max() > 0) {
                line.add(type == Integer.class || type == Long.class ? "1" : "x");
            }
            assertTrue(PlainArgs.read(new ServeCommand(s -> {}), line), line::toString);
            flags++;
        }
        assertTrue(flags > 25, "serve has " + flags + " flags");
    }

    /** An option whose default value (or arity, converter, split) picocli would apply is left to picocli. */
    static final class WithDefault {
        @CommandLine.Option(names = "--size", defaultValue = "7")
        Integer size;
    }

    @Test
    void anOptionBeyondNamesAndLabelsIsLeftToPicocli() {
        assertFalse(PlainArgs.read(new WithDefault(), List.of()));
        assertFalse(PlainArgs.read(new WithDefault(), List.of("--size", "3")));
    }

    @Test
    void aPlainLineThatTheChecksRefuseIsStillPicocliUsageError() {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(PrintStream.nullOutputStream()));
            assertEquals(2, Main.execute(new Main(), "serve", "--export", "x=/definitely/not/here", "--listen",
                    "unix:" + dir.resolve("s.sock")));
        } finally {
            System.setErr(err);
        }
    }

    private static ServeCommand picocli(List<String> line) {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(line);
        CommandLine.ParseResult parsed = Main.commandLine(new Main()).parseArgs(args.toArray(String[]::new));
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }
}
