package io.lisa4j.conformance.run;

import java.util.List;

/** Counts of a finished run and the summary line the suite ends with. */
public record Tally(int passed, int failed, int skipped) {
    public static Tally of(List<Result> results) {
        int p = 0, f = 0, s = 0;
        for (Result r : results) {
            switch (r.status()) {
                case PASS -> p++;
                case FAIL -> f++;
                case SKIP -> s++;
            }
        }
        return new Tally(p, f, s);
    }

    /** {@code N passed, N failed}, plus {@code , N skipped} when any were. */
    public String line() {
        String line = passed + " passed, " + failed + " failed";
        return skipped > 0 ? line + ", " + skipped + " skipped" : line;
    }
}
