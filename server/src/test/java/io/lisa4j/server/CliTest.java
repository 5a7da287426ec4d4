package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's command line, in-process. */
class CliTest {
    @Test
    void serveHelpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("serve", "--help"));
        for (String option : new String[] {"--export", "--listen", "--max-message-size", "--max-in-flight",
                "--max-handles", "--workers", "--[no-]inline-metadata"}) {
            assertTrue(out.toString().contains(option), option + " in\n" + out);
        }
    }

    @Test
    void serveWithoutExportIsAUsageError() {
        CommandLine cli = Main.commandLine(new Main());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("serve", "--listen", "tcp:127.0.0.1:0"));
    }

    @Test
    void exportOfMissingDirectoryIsAUsageError() {
        CommandLine cli = Main.commandLine(new Main());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("serve", "--export", "x=/definitely/not/here", "--listen", "tcp:127.0.0.1:0"));
        assertTrue(err.toString().contains("not a directory"), err.toString());
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (String command : new String[] {"serve", "certs", "mount", "conformance", "bench", "mount-bench"}) {
            assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("  " + command + " ")), command + " in\n" + out);
        }
    }

    @Test
    void versionShowsTheCommitTheBuildRecorded() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().strip().matches("lisa4j \\S+ \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)"),
                out.toString());
    }
}
