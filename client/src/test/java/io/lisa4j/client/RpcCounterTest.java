package io.lisa4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.fb.Opcode;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RpcCounterTest {
    @Test
    void countsTotalAndPerOpcodeAcrossThreads() {
        RpcCounter c = new RpcCounter();
        IntStream.range(0, 10_000).parallel().forEach(i -> c.record(i % 2 == 0 ? Opcode.Stat : Opcode.Pread));
        assertEquals(10_000, c.total());
        assertEquals(5_000, c.count(Opcode.Stat));
        assertEquals(5_000, c.count(Opcode.Pread));
        assertEquals(0, c.count(Opcode.Close));
    }
}
