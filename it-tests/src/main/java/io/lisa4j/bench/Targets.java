package io.lisa4j.bench;

import io.lisa4j.client.RemoteFs;
import java.util.List;
import java.util.function.LongSupplier;

/** Adds the usual rows of one operation: local (the limit), unix [and donated], tcp. */
final class Targets {
    private final Fixture fixture;
    private final List<Case> cases;

    Targets(Fixture fixture, List<Case> cases) {
        this.fixture = fixture;
        this.cases = cases;
    }

    LongSupplier rpcs(RemoteFs fs) {
        return () -> fixture.session(fs).rpcCounter().total();
    }

    void metadata(String op, Op.PerThread local, Op.PerThread unix, Op.PerThread tcp) {
        cases.add(new Case(op, "local", "local", local, null));
        cases.add(new Case(op, "unix", "local", unix, rpcs(fixture.unix)));
        cases.add(new Case(op, "tcp", "local", tcp, rpcs(fixture.tcp)));
    }

    void data(String op, Op.PerThread local, Op.PerThread donated, Op.PerThread unix, Op.PerThread tcp) {
        cases.add(new Case(op, "local", "local", local, null));
        cases.add(new Case(op, "unix donated fd", "local", donated, rpcs(fixture.donating)));
        cases.add(new Case(op, "unix in-band", "local", unix, rpcs(fixture.unix)));
        cases.add(new Case(op, "tcp in-band", "local", tcp, rpcs(fixture.tcp)));
    }
}
