package io.lisa4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code lisa4j bench}'s command line: help runs nothing, a wrong argument is one line. */
class BenchArgsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Bench.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(10) // a hang guard: the full benchmark it used to start takes minutes
    void helpPrintsTheUsageAndRunsNothing() {
        assertEquals(0, run("--help"));
        assertEquals(Bench.USAGE, out.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("--quick", "-h"));
    }

    @Test
    void anUnknownArgumentIsOneLine() {
        assertEquals(2, run("--fast"));
        assertEquals("lisa4j bench: unknown argument --fast; see 'lisa4j bench --help'\n",
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
