package org.shakenpki.kms;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the SP-KMS renews under ACME Renewal Information (RFC 9773 section 4.2) and when it asks again (section 4.3),
 * and how a credential keeps the time it chose while the STI-CA's window stays the same.
 */
class AriPlanTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T10:00:00Z");
    private static final OffsetDateTime NOT_BEFORE = NOW.minusDays(65);
    private static final OffsetDateTime NOT_AFTER = NOW.plusDays(300); // a lifetime of 365 days: the cut is 36.5 days before
    private static final AriPlan.Window FUTURE = new AriPlan.Window(NOW.plusDays(200), NOW.plusDays(250), null);

    @Test
    void aRenewalTimeIsUniformlyRandomInsideTheWindow() {
        Random random = new Random(42);
        OffsetDateTime earliest = null;
        OffsetDateTime latest = null;
        for (int i = 0; i < 2000; i++) {
            OffsetDateTime at = AriPlan.renewalTime(FUTURE, NOT_BEFORE, NOT_AFTER, NOW, random);
            assertFalse(at.isBefore(FUTURE.start()), at.toString());
            assertTrue(at.isBefore(FUTURE.end()), at.toString());
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            latest = latest == null || at.isAfter(latest) ? at : latest;
        }
        // spread over the window, not bunched at one end: 2000 draws reach both tenths
        assertTrue(earliest.isBefore(FUTURE.start().plusDays(5)), earliest.toString());
        assertTrue(latest.isAfter(FUTURE.end().minusDays(5)), latest.toString());
        assertNotEquals(AriPlan.renewalTime(FUTURE, NOT_BEFORE, NOT_AFTER, NOW, new Random(1)), AriPlan.renewalTime(FUTURE, NOT_BEFORE, NOT_AFTER, NOW, new Random(2)));
    }

    @Test
    void aWindowInThePastMeansNow() {
        AriPlan.Window past = new AriPlan.Window(NOW.minusHours(1), NOW, null);
        assertTrue(past.isPast(NOW));
        assertEquals(NOW, AriPlan.renewalTime(past, NOT_BEFORE, NOT_AFTER, NOW, new Random(7)));
        // a window that has begun: a time already passed is also now (section 4.2, step 3)
        AriPlan.Window begun = new AriPlan.Window(NOW.minusDays(10), NOW.plusSeconds(1), null);
        OffsetDateTime at = AriPlan.renewalTime(begun, NOT_BEFORE, NOT_AFTER, NOW.plusNanos(500_000_000L), new Random(7));
        assertEquals(NOW, at, "truncated to the second of the round");
    }

    @Test
    void anInvalidWindowIsNoAnswerAndOneReachingTooCloseToExpiryIsCut() {
        assertNull(AriPlan.renewalTime(new AriPlan.Window(FUTURE.end(), FUTURE.start(), null), NOT_BEFORE, NOT_AFTER, NOW, new Random(1)));
        assertNull(AriPlan.renewalTime(new AriPlan.Window(FUTURE.start(), FUTURE.start(), null), NOT_BEFORE, NOT_AFTER, NOW, new Random(1)));
        assertNull(AriPlan.renewalTime(new AriPlan.Window(NOT_AFTER.minusDays(2), NOT_AFTER.plusDays(2), null), NOT_BEFORE, NOT_AFTER,
                NOW, new Random(1)), "a window wholly in the last tenth of the lifetime");
        OffsetDateTime latest = NOT_AFTER.minusHours(876); // 36.5 days
        AriPlan.Window late = new AriPlan.Window(NOT_AFTER.minusDays(40), NOT_AFTER.plusDays(30), null);
        for (int i = 0; i < 100; i++) {
            OffsetDateTime at = AriPlan.renewalTime(late, NOT_BEFORE, NOT_AFTER, NOW, new Random(i));
            assertTrue(at.isBefore(latest) && !at.isBefore(late.start()), at.toString());
        }
    }

    @Test
    void retryAfterIsHeldBetweenAMinuteAndADayAndItsAbsenceWaitsSixHours() {
        assertEquals(NOW.plusHours(6), AriPlan.nextCheck(NOW, Duration.ofHours(6)));
        assertEquals(NOW.plusMinutes(1), AriPlan.nextCheck(NOW, Duration.ofSeconds(5)));
        assertEquals(NOW.plusMinutes(1), AriPlan.nextCheck(NOW, Duration.ofSeconds(-30)));
        assertEquals(NOW.plusDays(1), AriPlan.nextCheck(NOW, Duration.ofDays(9)));
        assertEquals(NOW.plusHours(6), AriPlan.nextCheck(NOW, null));
    }

    @Test
    void aWindowNeverPutsOffARenewalThatIsDueAlready() {
        ManagedCredential credential = active();
        // the operator's "renew at" time has come, or the CRL watch made it due: a future window does not postpone it
        credential.scheduleRenewal(NOW.minusMinutes(1), NOW);
        assertFalse(credential.ariChecked(FUTURE, NOW.plusDays(222), NOW.plusHours(6), NOW));
        assertEquals(NOW.minusMinutes(1), credential.renewAt());
        assertTrue(credential.isDue(NOW));
        // a window in the past still brings it forward
        assertTrue(credential.ariChecked(new AriPlan.Window(NOW.minusHours(2), NOW.minusHours(1), null), NOW.minusHours(2),
                NOW.plusHours(6), NOW));
        assertEquals(NOW.minusHours(2), credential.renewAt());
    }

    @Test
    void anOperatorsRenewalTimeStandsUnlessTheWindowHasPassed() {
        ManagedCredential credential = active();
        OffsetDateTime maintenance = NOW.plusDays(3);
        credential.scheduleRenewal(maintenance, NOW); // kms renew --at
        assertFalse(credential.ariChecked(FUTURE, NOW.plusDays(222), NOW.plusHours(6), NOW), "the first window keeps it");
        assertEquals(maintenance, credential.renewAt());
        AriPlan.Window pulled = new AriPlan.Window(NOW.minusHours(1), NOW, null);
        assertTrue(credential.ariChecked(pulled, NOW, NOW.plusHours(6), NOW));
        assertEquals(NOW, credential.renewAt(), "a window that has passed replaces the certificate at once");
    }

    @Test
    void aCertificateOnTheCrlIsNotCheckedNorPutOff() {
        ManagedCredential credential = active();
        credential.listedOnCrl("certificate 0a is on the STI-PA CRL", NOW);
        assertFalse(credential.isAriDue(NOW), "being replaced already");
        assertFalse(credential.ariChecked(FUTURE, NOW.plusDays(222), NOW.plusHours(6), NOW));
        assertEquals(NOW, credential.renewAt());
    }

    private static ManagedCredential active() {
        ManagedCredential credential = new ManagedCredential("1234", new IssuanceOptions("https://ca.example.test/acme/directory",
                IssuanceOptions.Fingerprint.JWK_THUMBPRINT, "tkauth"), NOW.minusDays(1));
        credential.succeeded(new ManagedCredential.Issued("spc-1234-a", "PEM", "https://cr.example.test/a.pem", "0a",
                NOW.minusDays(1), NOT_AFTER), NOW.plusDays(260), NOW.minusDays(1));
        return credential;
    }

    @Test
    void aCredentialKeepsItsChosenTimeWhileTheWindowStaysAndMovesWhenItChanges() {
        ManagedCredential credential = new ManagedCredential("1234", new IssuanceOptions("https://ca.example.test/acme/directory",
                IssuanceOptions.Fingerprint.JWK_THUMBPRINT, "tkauth", "short-lived"), NOW);
        credential.succeeded(new ManagedCredential.Issued("spc-1234-a", "PEM", "https://cr.example.test/a.pem", "0a",
                NOW.minusDays(1), NOT_AFTER), NOW.plusDays(260), NOW);
        assertEquals("short-lived", credential.options().profile());
        assertTrue(credential.isAriDue(NOW), "due right after issuance");

        OffsetDateTime chosen = NOW.plusDays(222);
        assertTrue(credential.ariChecked(FUTURE, chosen, NOW.plusHours(6), NOW));
        assertEquals(chosen, credential.renewAt());
        assertFalse(credential.isAriDue(NOW.plusHours(5)));
        assertTrue(credential.isAriDue(NOW.plusHours(6)));

        // the same window again: the time chosen first stays (no new draw on every check)
        assertFalse(credential.ariChecked(FUTURE, NOW.plusDays(240), NOW.plusHours(12), NOW.plusHours(6)));
        assertEquals(chosen, credential.renewAt());

        // the same instants in another offset are the same window
        AriPlan.Window sameElsewhere = new AriPlan.Window(FUTURE.start().withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)),
                FUTURE.end().withOffsetSameInstant(java.time.ZoneOffset.ofHours(2)), null);
        assertFalse(credential.ariChecked(sameElsewhere, NOW.plusDays(241), NOW.plusHours(12), NOW.plusHours(6)));
        assertEquals(chosen, credential.renewAt());

        // no usable answer: the renewal date stays, only the next check moves
        assertFalse(credential.ariChecked(null, null, NOW.plusDays(1), NOW.plusHours(12)));
        assertEquals(chosen, credential.renewAt());

        // the STI-CA pulled the window into the past: renewal now
        AriPlan.Window pulled = new AriPlan.Window(NOW.minusHours(1), NOW.plusHours(12), "https://ca.example.test/incident");
        assertTrue(credential.ariChecked(pulled, NOW.plusHours(12), NOW.plusHours(18), NOW.plusHours(12)));
        assertTrue(credential.isDue(NOW.plusHours(12)));
        assertEquals("https://ca.example.test/incident", credential.ariExplanationUrl());

        // the replacement starts over: its renewal information is fetched at the next round
        credential.succeeded(new ManagedCredential.Issued("spc-1234-b", "PEM", "https://cr.example.test/b.pem", "0b",
                NOW, NOT_AFTER.plusDays(1)), NOW.plusDays(261), NOW.plusHours(12));
        assertNull(credential.ariWindowStart());
        assertTrue(credential.isAriDue(NOW.plusHours(12)));
    }
}
