package org.shakenpki.pa;

import org.shakenpki.config.Backoff;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The rules of the login throttle (NIST SP 800-63B section 5.2.2, rate limiting; RFC 6585 section 4, 429 with
 * Retry-After), kept apart from the database so that they are tested alone:
 * <ul>
 *   <li>per client source: after {@code max} failures from one source within the failure window, that source
 *       is refused for 30 s, doubling with every further failure up to 15 minutes, whichever user it names;</li>
 *   <li>per user, only for users whose password a person chose: after {@code max} failures from any sources,
 *       the user is locked the same way (against guessing spread over many addresses);</li>
 *   <li>never per user for service users ({@link PaUser#secretGenerated()}: 32 random bytes nobody can
 *       guess), so that an outsider's bad logins cannot lock out the STI-CA, STI-VS, SP-KMS or the first
 *       administrator; and a service user's correct secret is accepted even from a refused source.</li>
 * </ul>
 */
final class LoginThrottle {
    static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);

    private LoginThrottle() {
    }

    /** The failure count after one more failure: failures older than the window are forgotten. */
    static int countAfterFailure(int previous, OffsetDateTime lastFailure, OffsetDateTime now, Duration window) {
        boolean forgotten = lastFailure == null || lastFailure.plus(window).isBefore(now);
        return forgotten ? 1 : previous + 1;
    }

    /** Until when a source or user with {@code failures} failures is refused; null while below {@code max}. */
    static OffsetDateTime blockedUntil(int failures, int max, OffsetDateTime now) {
        if (failures < max) {
            return null;
        }
        return now.plus(Backoff.delay(FIRST_BLOCK, failures - max, LONGEST_BLOCK));
    }

    /** The whole seconds a client is told to wait (Retry-After), at least 1. */
    static long retryAfterSeconds(OffsetDateTime now, OffsetDateTime until) {
        return Math.max(1, Duration.between(now, until).toSeconds() + 1);
    }
}
