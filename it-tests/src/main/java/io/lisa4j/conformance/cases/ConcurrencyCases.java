package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.run.Section;

final class ConcurrencyCases {
    private ConcurrencyCases() {}

    static void addTo(Section s) {}
}
