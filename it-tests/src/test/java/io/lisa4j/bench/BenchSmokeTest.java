package io.lisa4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's quick mode produces a complete table. It asserts no timings: the numbers are for reading. */
class BenchSmokeTest {
    @Test
    void quickModePrintsEveryRowAndTheDaemonFigures() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<Row> rows;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rows = Bench.run(Mode.QUICK, out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);

        Set<String> ops = rows.stream().map(r -> r.spec().op()).collect(Collectors.toSet());
        assertEquals(Set.of("stat depth 1", "stat depth 5", "open+close", "create+unlink", "mkdir+rmdir",
                "pread 4 KiB random", "read 1 MiB sequential", "write 1 MiB sequential", "readdir 1000 + attrs",
                "empty RPC"), ops);
        for (String op : ops) {
            for (int threads : Mode.QUICK.threads()) {
                long n = rows.stream().filter(r -> r.spec().op().equals(op) && r.threads() == threads).count();
                assertTrue(n >= 3, op + " at " + threads + " threads has " + n + " rows");
            }
        }
        for (Row r : rows) {
            assertTrue(r.sample().ops() > 0, "no operation completed: " + r);
            assertFalse(Double.isNaN(r.sample().percentileMicros(0.99)));
        }
        long tableLines = text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| op ")
                && !l.startsWith("| daemon")).count();
        // Without the ./lisa4j launcher (as here) one start-time row, then the two RSS rows.
        assertEquals(rows.size() + 3, tableLines, text);
        assertTrue(text.contains("start → first answered PING"), text);
        assertTrue(text.contains("RSS with"), text);
    }
}
