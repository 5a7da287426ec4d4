package io.lisa4j.conformance.cases;

import io.lisa4j.conformance.diff.DifferentialRun;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.Section;
import java.util.List;

/**
 * §1 the model: requests mirror syscalls one to one (the differential run against the kernel),
 * each SDK call is one round trip, and concurrent mutation by other parties behaves as the
 * syscalls do.
 */
final class ModelCases {
    private ModelCases() {}

    static List<Case> cases() {
        Section s = new Section("1")
                .add("seeded random syscall sequences agree with the kernel (differential)", DifferentialRun::run);
        OneRpcCases.addTo(s);
        ConcurrencyCases.addTo(s);
        return s.cases();
    }
}
