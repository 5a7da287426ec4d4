package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.run.Case;
import java.util.ArrayList;
import java.util.List;

/** Every case, in the order of PROTOCOL.md's sections. */
public final class Catalogue {
    private Catalogue() {}

    public static List<Case> all() {
        List<Case> all = new ArrayList<>();
        all.addAll(WireCases.cases());
        all.addAll(PathCases.cases());
        all.addAll(PathOpCases.cases());
        all.addAll(AttrCases.cases());
        all.addAll(HandleCases.cases());
        return List.copyOf(all);
    }
}
