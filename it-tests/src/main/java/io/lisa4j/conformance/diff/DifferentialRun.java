package io.lisa4j.conformance.diff;

import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseFailure;
import io.lisa4j.protocol.value.Credentials;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The differential case: {@code --steps} ops from {@code --seed}, kernel against server; on a
 * divergence the FAIL line gives the seed, the step, what each side said, and a minimized
 * reproduction. Needs the export's host path (it skips without --export-path). With --caller the
 * kernel's side takes the caller's identity, as the delegating export does for the server's side.
 */
public final class DifferentialRun {
    /** Trees are compared this often, and after the last step. */
    static final int CHECK_EVERY = 100;
    /** Replays the minimizer may spend. */
    static final int MINIMIZER_BUDGET = 300;

    private DifferentialRun() {}

    public static void run(CaseEnv e) throws Exception {
        Path exportDir = e.host("");
        long seed = e.target().seed();
        List<Op> ops = new OpGenerator(seed).generate(e.target().steps());
        e.mkdir("server");
        Credentials caller = e.target().caller();
        Path local = Differential.localParentBeside(e.target().exportPath(), caller != null);
        try {
            Differential d = new Differential(e.fs(), e.p("server"), exportDir.resolve("server"), local, CHECK_EVERY,
                    caller);
            Divergence first = d.replay(ops);
            if (first == null) {
                return;
            }
            List<Op> min = Minimizer.minimize(ops.subList(0, first.step() + 1), d::diverges, MINIMIZER_BUDGET);
            Divergence again = d.replay(min);
            throw new CaseFailure("seed %d, %s; minimized to %d ops: %s => %s".formatted(seed, first, min.size(),
                    min.stream().map(Op::toString).collect(Collectors.joining("; ")), again));
        } finally {
            Differential.delete(local);
        }
    }
}
