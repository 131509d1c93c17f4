package org.shakenpki.ca;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STI-CA's suggested renewal windows (RFC 9773 section 4.2): the default rule and the operator's pull. */
class RenewalWindowTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theDefaultIsTheFirstHalfOfTheLastThird() {
        // 360 days: from day 240 to day 300
        RenewalWindow window = RenewalWindow.standard(ISSUED, ISSUED.plus(Duration.ofDays(360)));
        assertEquals(new RenewalWindow(ISSUED.plus(Duration.ofDays(240)), ISSUED.plus(Duration.ofDays(300))), window);
        // a 7-day short-lived certificate: from 4 d 16 h to 5 d 20 h
        RenewalWindow shortLived = RenewalWindow.standard(ISSUED, ISSUED.plus(Duration.ofDays(7)));
        assertEquals(ISSUED.plus(Duration.ofHours(112)), shortLived.start());
        assertEquals(ISSUED.plus(Duration.ofHours(140)), shortLived.end());
    }

    @Test
    void evenATinyLifetimeGivesAWindowThatEndsAfterItStarts() {
        RenewalWindow window = RenewalWindow.standard(ISSUED, ISSUED.plusSeconds(2));
        assertTrue(window.end().isAfter(window.start()));
        RenewalWindow empty = RenewalWindow.standard(ISSUED, ISSUED);
        assertTrue(empty.end().isAfter(empty.start()));
    }

    @Test
    void pullingForwardToNowGivesAWindowThatHasEnded() {
        Instant now = ISSUED.plus(Duration.ofDays(10));
        RenewalWindow atOnce = RenewalWindow.pulledForward(now, now);
        assertEquals(new RenewalWindow(now.minus(Duration.ofHours(1)), now), atOnce);
        assertTrue(atOnce.isPast(now));
    }

    @Test
    void pullingForwardToALaterTimeSpreadsTheRenewalsFromNow() {
        Instant now = ISSUED.plus(Duration.ofDays(10));
        Instant by = now.plus(Duration.ofHours(12));
        RenewalWindow spread = RenewalWindow.pulledForward(now, by);
        assertEquals(new RenewalWindow(now, by), spread);
        assertFalse(spread.isPast(now));
        assertTrue(spread.endsBefore(RenewalWindow.standard(ISSUED, ISSUED.plus(Duration.ofDays(365)))));
        assertFalse(RenewalWindow.standard(ISSUED, ISSUED.plus(Duration.ofDays(365))).endsBefore(spread), "never pushed back");
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RenewalWindow(ISSUED, ISSUED));
        assertThrows(IllegalArgumentException.class, () -> new RenewalWindow(ISSUED, ISSUED.minusSeconds(1)));
    }
}
