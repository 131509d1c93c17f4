package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadTest {
    @Test
    void callsAreDueEvenlyAtTheOfferedRate() {
        assertEquals(0, Load.dueNanos(0, 100));
        assertEquals(10_000_000, Load.dueNanos(1, 100));
        assertEquals(1_500_000_000L, Load.dueNanos(3000, 2000));
    }

    @Test
    void openLoopMakesTheOfferedNumberOfCalls() throws Exception {
        Load.Result result = Load.open(List.of(call -> { }, call -> { }), 200, 1.0);
        assertEquals(200, result.completed());
        assertEquals(0, result.errors());
        assertTrue(result.percentileMs(50) < 20, "an idle operation has no queue: " + result.percentileMs(50));
    }

    @Test
    void aStallIsChargedToEveryCallQueuedBehindIt() throws Exception {
        // one worker, 100/s offered, the first call takes 300 ms: about 30 calls fall due during it; counted from
        // the time they were sent they would look instant (coordinated omission), counted from when they were due
        // they wait up to 300 ms
        AtomicInteger calls = new AtomicInteger();
        Load.Result result = Load.open(List.of(call -> {
            if (calls.getAndIncrement() == 0) {
                Thread.sleep(300);
            }
        }), 100, 1.0);
        assertEquals(100, result.completed());
        assertTrue(result.percentileMs(50) < 100, "p50 " + result.percentileMs(50));
        assertTrue(result.percentileMs(99) >= 250, "p99 " + result.percentileMs(99));
    }

    @Test
    void aRateIsOverTheWholeRunEvenWhenTheLastCallIsAnsweredEarly() throws Exception {
        // 1/s offered for 2 s: calls due at 0 s and 1 s, both answered at once; 2 calls in 2 s, not 2 in 1 s
        Load.Result result = Load.open(List.of(call -> { }), 1, 2.0);
        assertEquals(2, result.completed());
        assertEquals(1.0, result.perSecond(), 0.01);
    }

    @Test
    void failuresAreCountedAndNotTimed() throws Exception {
        Load.Result result = Load.closed(List.of(call -> {
            throw new java.io.IOException("500 FAILED");
        }), 0.2);
        assertEquals(0, result.completed());
        assertTrue(result.errors() > 0);
        assertEquals("java.io.IOException: 500 FAILED", result.firstError());
    }

    @Test
    void offeredLoadMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Load.open(List.of(call -> { }), 0, 1));
    }
}
