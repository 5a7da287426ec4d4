package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.run.Section;

final class OneRpcCases {
    private OneRpcCases() {}

    static void addTo(Section s) {}
}
