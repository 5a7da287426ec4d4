package io.lisa4j.conformance.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes results as a JUnit XML report, one testcase per case, for CI systems to read. */
public final class JunitXml {
    private JunitXml() {}

    public static void write(Path file, String suiteName, List<Result> results) throws IOException {
        Tally t = Tally.of(results);
        double total = results.stream().mapToLong(Result::nanos).sum() / 1e9;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(esc(suiteName)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(t.failed()).append("\" errors=\"0\" skipped=\"")
                .append(t.skipped()).append("\" time=\"").append(secs(total)).append("\">\n");
        for (Result r : results) {
            x.append("  <testcase classname=\"lisa4j.conformance.").append(esc(section(r.testCase().id())))
                    .append("\" name=\"").append(esc(r.testCase().id() + " " + r.testCase().name()))
                    .append("\" time=\"").append(secs(r.nanos() / 1e9)).append("\"");
            switch (r.status()) {
                case PASS -> x.append("/>\n");
                case FAIL -> x.append(">\n    <failure message=\"").append(esc(r.detail())).append("\"/>\n  </testcase>\n");
                case SKIP -> x.append(">\n    <skipped message=\"").append(esc(r.detail())).append("\"/>\n  </testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, x, StandardCharsets.UTF_8);
    }

    private static String section(String id) {
        int dot = id.lastIndexOf('.');
        return "s" + id.substring(0, dot);
    }

    private static String secs(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    private static String esc(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
