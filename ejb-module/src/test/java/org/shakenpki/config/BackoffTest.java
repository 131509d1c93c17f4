package org.shakenpki.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheLongest() {
        Duration first = Duration.ofSeconds(30);
        Duration longest = Duration.ofMinutes(15);
        assertEquals(Duration.ofSeconds(30), Backoff.delay(first, 0, longest));
        assertEquals(Duration.ofSeconds(60), Backoff.delay(first, 1, longest));
        assertEquals(Duration.ofSeconds(480), Backoff.delay(first, 4, longest));
        assertEquals(longest, Backoff.delay(first, 5, longest));
        assertEquals(longest, Backoff.delay(first, 1000, longest));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(first, -3, longest));
    }
}
