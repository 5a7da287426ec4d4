package io.lisa4j.bench;

import java.util.function.LongSupplier;

/**
 * One benchmark row before it runs: operation, target, and the target whose result is this
 * operation's limit (itself for a limit row). {@code rpcs} reads the client's RPC total, or is
 * null where no RPC is sent.
 */
record Case(String op, String target, String limit, Op.PerThread work, LongSupplier rpcs) {
    boolean isLimit() {
        return target.equals(limit);
    }
}
