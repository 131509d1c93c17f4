package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(List.of(9.0, 1.0, 3.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    void nearestRankPercentile() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        assertEquals(50.0, Stats.percentile(values, 50));
        assertEquals(99.0, Stats.percentile(values, 99));
        assertEquals(100.0, Stats.percentile(values, 100));
        assertEquals(7.0, Stats.percentile(new double[] {7.0}, 99));
    }
}
