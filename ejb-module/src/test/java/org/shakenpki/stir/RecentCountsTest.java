package org.shakenpki.stir;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The one-minute buckets behind the STI-VS console's "last hour" and "last day" counts. */
class RecentCountsTest {
    private static final Instant NOON = Instant.parse("2026-12-01T12:00:30Z");

    @Test
    void anEventCountsInTheWindowsThatHoldItAndNoLongerOnceItsMinuteComesRoundAgain() {
        RecentCounts counts = new RecentCounts(2);
        counts.count(0, NOON.minus(Duration.ofMinutes(90)));
        counts.count(0, NOON.minus(Duration.ofMinutes(5)));
        counts.count(1, NOON);
        assertArrayEquals(new long[] {1, 1}, counts.within(Duration.ofHours(1), NOON));
        assertArrayEquals(new long[] {2, 1}, counts.within(Duration.ofDays(1), NOON));
        // a day later the same buckets are reused: yesterday's events are gone, not added
        Instant tomorrow = NOON.plus(Duration.ofDays(1));
        counts.count(1, tomorrow);
        assertArrayEquals(new long[] {0, 1}, counts.within(Duration.ofDays(1), tomorrow));
        // an event in the future of the reader (a clock step back) is not counted
        assertArrayEquals(new long[] {0, 0}, counts.within(Duration.ofHours(1), NOON.minus(Duration.ofHours(2))));
    }
}
