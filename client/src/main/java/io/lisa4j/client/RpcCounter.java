package io.lisa4j.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests this connection put on the wire, in total and per opcode. The SDK promises one RPC per
 * method call; tests hold it to that by reading these numbers before and after a call.
 */
public final class RpcCounter {
    private final LongAdder total = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> perOpcode = new ConcurrentHashMap<>();

    RpcCounter() {}

    void record(int opcode) {
        total.increment();
        perOpcode.computeIfAbsent(opcode, k -> new LongAdder()).increment();
    }

    /** Every request sent so far, the handshake included. */
    public long total() {
        return total.sum();
    }

    /** Requests sent so far with this opcode (the numbers of {@code io.lisa4j.protocol.fb.Opcode}). */
    public long count(int opcode) {
        LongAdder n = perOpcode.get(opcode);
        return n == null ? 0 : n.sum();
    }
}
