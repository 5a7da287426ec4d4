package io.lisa4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {
    @Test
    void queuesBeyondTheLimitAndSendsInOrderAsSlotsFree() {
        InFlightLimiter limiter = new InFlightLimiter();
        limiter.setLimit(2);
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            limiter.submit(() -> sent.add(n));
        }
        assertEquals(List.of(0, 1), sent);
        limiter.release();
        assertEquals(List.of(0, 1, 2), sent);
        limiter.release();
        limiter.release();
        assertEquals(List.of(0, 1, 2, 3, 4), sent);
    }

    @Test
    void closingHandsBackWhatWaitsAndLetsLaterSendsThrough() {
        InFlightLimiter limiter = new InFlightLimiter();
        limiter.setLimit(1);
        List<Integer> sent = new ArrayList<>();
        limiter.submit(() -> sent.add(0));
        limiter.submit(() -> sent.add(1));
        assertEquals(1, limiter.close().size());
        limiter.submit(() -> sent.add(2));
        assertEquals(List.of(0, 2), sent, "after close nothing queues: the send itself fails fast");
    }
}
