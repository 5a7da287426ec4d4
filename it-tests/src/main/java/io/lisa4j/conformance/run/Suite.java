package io.lisa4j.conformance.run;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Runs cases one after another against a target and reports each result as it comes. */
public final class Suite {
    /** A hang guard per case, not a timing assertion. */
    private static final long CASE_GUARD_SECONDS = 120;

    private Suite() {}

    public static List<Result> run(Target target, List<Case> cases, Consumer<Result> listener) throws Exception {
        List<Result> results = new ArrayList<>();
        try (SuiteContext suite = SuiteContext.open(target)) {
            for (Case c : cases) {
                if (!target.selects(c)) {
                    continue;
                }
                Result r = runOne(suite, c);
                results.add(r);
                listener.accept(r);
            }
        }
        return results;
    }

    private static Result runOne(SuiteContext suite, Case c) throws InterruptedException {
        long start = System.nanoTime();
        AtomicReference<Result> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("case-" + c.id()).start(() -> result.set(execute(suite, c, start)));
        // The differential case's length grows with --steps; a long run is no hang.
        long guard = CASE_GUARD_SECONDS + suite.target().steps() / 100;
        t.join(TimeUnit.SECONDS.toMillis(guard));
        if (t.isAlive()) {
            t.interrupt();
            return new Result(c, Status.FAIL, "did not finish within " + guard + " s (hang guard)",
                    System.nanoTime() - start);
        }
        return result.get();
    }

    private static Result execute(SuiteContext suite, Case c, long start) {
        Status status;
        String detail;
        try (CaseEnv env = new CaseEnv(suite, c)) {
            c.body().run(env);
            status = Status.PASS;
            detail = "";
        } catch (CaseSkipped s) {
            status = Status.SKIP;
            detail = s.getMessage();
        } catch (CaseFailure f) {
            status = Status.FAIL;
            detail = f.getMessage();
        } catch (ErrnoException | StoppedException e) {
            status = Status.FAIL;
            detail = "unexpected " + Check.describe(e) + " (" + e.getMessage() + ")";
        } catch (Throwable e) {
            status = Status.FAIL;
            detail = "unexpected " + e;
        }
        return new Result(c, status, detail, System.nanoTime() - start);
    }
}
