package io.lisa4j.conformance.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin): shrinks a failing op list to a short one that still fails, by
 * trying chunks and their complements at ever finer granularity. Stops after {@code budget}
 * replays and returns the shortest list found so far.
 */
public final class Minimizer {
    private Minimizer() {}

    public static List<Op> minimize(List<Op> failing, Predicate<List<Op>> fails, int budget) {
        List<Op> ops = List.copyOf(failing);
        int n = 2;
        int tries = 0;
        while (ops.size() >= 2 && tries < budget) {
            List<List<Op>> chunks = split(ops, n);
            boolean reduced = false;
            for (int i = 0; i < chunks.size() && !reduced && tries < budget; i++) {
                tries++;
                if (fails.test(chunks.get(i))) {
                    ops = chunks.get(i);
                    n = 2;
                    reduced = true;
                }
            }
            for (int i = 0; i < chunks.size() && !reduced && n > 2 && tries < budget; i++) {
                List<Op> complement = new ArrayList<>(ops.size());
                for (int j = 0; j < chunks.size(); j++) {
                    if (j != i) {
                        complement.addAll(chunks.get(j));
                    }
                }
                tries++;
                if (fails.test(complement)) {
                    ops = List.copyOf(complement);
                    n = Math.max(n - 1, 2);
                    reduced = true;
                }
            }
            if (!reduced) {
                if (n >= ops.size()) {
                    break;
                }
                n = Math.min(ops.size(), 2 * n);
            }
        }
        return ops;
    }

    private static List<List<Op>> split(List<Op> ops, int n) {
        List<List<Op>> chunks = new ArrayList<>(n);
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (ops.size() - start) / (n - i);
            chunks.add(List.copyOf(ops.subList(start, end)));
            start = end;
        }
        return chunks;
    }
}
