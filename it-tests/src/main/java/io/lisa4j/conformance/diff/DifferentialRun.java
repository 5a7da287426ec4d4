package io.lisa4j.conformance.diff;

import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseFailure;
import io.lisa4j.conformance.run.CaseSkipped;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.security.ThreadCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The differential case: {@code --steps} ops from {@code --seed}, kernel against server; on a
 * divergence the FAIL line gives the seed, the step, what each side said, and a minimized
 * reproduction. Needs the export's host path (it skips without --export-path). The kernel's side
 * takes the identity the server's side acts as: the --caller's on a delegating export, or the
 * daemon's own when that is another uid than the suite's.
 */
public final class DifferentialRun {
    /** Trees are compared this often, and after the last step. */
    static final int CHECK_EVERY = 100;
    /** Replays the minimizer may spend. */
    static final int MINIMIZER_BUDGET = 300;

    private DifferentialRun() {}

    /**
     * Who the kernel's side must act as to be judged like the server: the --caller when given,
     * else, when the server made {@code made} as another uid than ours (a daemon that is not root,
     * a container), that uid and gid; null to act as this process.
     */
    private static Credentials serversIdentity(CaseEnv e, Path made) throws Exception {
        if (e.target().caller() != null) {
            return e.target().caller();
        }
        FileAttr owner = Sys.statx(Sys.AT_FDCWD, made.toString().getBytes(StandardCharsets.UTF_8),
                Sys.AT_SYMLINK_NOFOLLOW);
        int self = ThreadCredentials.fsuid();
        if (owner.uid() == self) {
            return null;
        }
        if (self != 0) {
            throw new CaseSkipped("the server acts as uid " + owner.uid() + "; the kernel's side needs root to do the same");
        }
        return new Credentials(owner.uid(), owner.gid(), new int[0]);
    }

    public static void run(CaseEnv e) throws Exception {
        Path exportDir = e.host("");
        long seed = e.target().seed();
        List<Op> ops = new OpGenerator(seed).generate(e.target().steps());
        e.mkdir("server");
        Credentials caller = serversIdentity(e, exportDir.resolve("server"));
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
