package org.shakenpki.ca;

import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Certificate validity: configured days, capped by the order's notAfter and the issuer's end. */
class ValidityTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FAR = NOW.plus(Duration.ofDays(3650));

    @Test
    void defaultsToTheConfiguredDaysFromNow() {
        assertEquals(new Validity(NOW, NOW.plus(Duration.ofDays(365))), Validity.of(NOW, null, null, 365, FAR));
    }

    @Test
    void startsAtALaterNotBeforeAndStopsAtAnEarlierNotAfter() {
        Instant start = NOW.plus(Duration.ofDays(2));
        Instant end = NOW.plus(Duration.ofDays(30));
        assertEquals(new Validity(start, end), Validity.of(NOW, start, end, 365, FAR));
        assertEquals(new Validity(NOW, end), Validity.of(NOW, NOW.minus(Duration.ofDays(1)), end, 365, FAR));
    }

    @Test
    void neverOutlivesTheIssuer() {
        Instant issuerEnd = NOW.plus(Duration.ofDays(100));
        assertEquals(new Validity(NOW, issuerEnd), Validity.of(NOW, null, null, 365, issuerEnd));
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThrows(ProblemException.class, () -> Validity.of(NOW, NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(5)), 365, FAR));
        assertThrows(ProblemException.class, () -> Validity.of(NOW, null, null, 365, NOW));
    }
}
