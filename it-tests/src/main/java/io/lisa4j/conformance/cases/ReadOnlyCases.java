package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.run.Case;
import java.util.List;

final class ReadOnlyCases {
    private ReadOnlyCases() {}

    static List<Case> cases() {
        return List.of();
    }
}
