package io.lisa4j.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the rows as a Markdown table: throughput, data rate, p50 and p99 latency, RPCs per
 * operation, and two ratios to the row's limit (same operation and thread count): latency
 * (p50 / limit p50, lower is better) and throughput (ops/s / limit ops/s, higher is better).
 */
final class Table {
    private Table() {}

    static final String HEADER =
            "| op | target | thr | ops/s | MB/s | p50 µs | p99 µs | RPC/op | p50 ÷ limit | ops ÷ limit |";

    static void print(List<Row> rows, PrintStream out) {
        out.println(HEADER);
        out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Row r : rows) {
            Sample s = r.sample();
            Row limit = rows.stream()
                    .filter(o -> o.threads() == r.threads() && o.spec().op().equals(r.spec().op())
                            && o.spec().target().equals(r.spec().limit()))
                    .findFirst().orElse(r);
            Sample l = limit.sample();
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %.1f | %.1f | %s | %.2f | %.2f |",
                    r.spec().op(), r.spec().target(), r.threads(), s.opsPerSecond(),
                    s.bytes() == 0 ? "" : String.format(Locale.ROOT, "%,.0f", s.megabytesPerSecond()),
                    s.percentileMicros(0.50), s.percentileMicros(0.99),
                    r.spec().rpcs() == null ? "" : String.format(Locale.ROOT, "%.2f", s.rpcsPerOp()),
                    s.percentileMicros(0.50) / l.percentileMicros(0.50), s.opsPerSecond() / l.opsPerSecond()));
        }
    }
}
