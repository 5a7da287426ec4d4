package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.run.Case;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Every case, in the order of PROTOCOL.md's sections. */
public final class Catalogue {
    private Catalogue() {}

    public static List<Case> all() {
        List<Case> all = new ArrayList<>();
        all.addAll(ModelCases.cases());
        all.addAll(WireCases.cases());
        all.addAll(PathCases.cases());
        all.addAll(PathOpCases.cases());
        all.addAll(ReadOnlyCases.cases());
        all.addAll(AttrCases.cases());
        all.addAll(HandleCases.cases());
        all.addAll(EscapeCases.cases());
        all.sort(Comparator.comparing(Catalogue::section, Catalogue::compareNumbers));
        return List.copyOf(all);
    }

    /** "8.2.10" of "8.2.10.03": the id without its case number. */
    private static int[] section(Case c) {
        String[] parts = c.id().split("\\.");
        return Arrays.stream(parts, 0, parts.length - 1).mapToInt(Integer::parseInt).toArray();
    }

    private static int compareNumbers(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
