package org.shakenpki.pa;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The throttle's arithmetic: counting within a window, refusal from the threshold on, bounded backoff. */
class LoginThrottleTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void failuresCountWithinTheWindowAndAreForgottenAfterIt() {
        assertEquals(1, LoginThrottle.countAfterFailure(0, null, NOW, WINDOW));
        assertEquals(5, LoginThrottle.countAfterFailure(4, NOW.minusMinutes(14), NOW, WINDOW));
        assertEquals(1, LoginThrottle.countAfterFailure(4, NOW.minusMinutes(16), NOW, WINDOW));
    }

    @Test
    void aSourceIsRefusedFromTheThresholdOnFor30SecondsDoublingTo15Minutes() {
        assertNull(LoginThrottle.blockedUntil(4, 5, NOW));
        assertEquals(NOW.plusSeconds(30), LoginThrottle.blockedUntil(5, 5, NOW));
        assertEquals(NOW.plusSeconds(60), LoginThrottle.blockedUntil(6, 5, NOW));
        assertEquals(NOW.plusMinutes(15), LoginThrottle.blockedUntil(50, 5, NOW));
    }

    @Test
    void retryAfterIsWholeSecondsAndNeverZero() {
        assertEquals(31, LoginThrottle.retryAfterSeconds(NOW, NOW.plusSeconds(30)));
        assertEquals(1, LoginThrottle.retryAfterSeconds(NOW, NOW.minusSeconds(3)));
    }
}
