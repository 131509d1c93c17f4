package org.shakenpki.kms;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/**
 * The SP-KMS's arithmetic of ACME Renewal Information (RFC 9773): when to renew inside the window the STI-CA
 * suggests (section 4.2: a uniform random time in the window; at once if that time has passed) and when to ask
 * again (section 4.3: as {@code Retry-After} says, held between one minute and one day; six hours after a long-term
 * error, fifteen minutes after a temporary one).
 */
final class AriPlan {
    static final Duration SHORTEST_RECHECK = Duration.ofMinutes(1);
    static final Duration LONGEST_RECHECK = Duration.ofDays(1);
    /** Section 4.3.3: "after six hours have passed (or some other locally configured default)". */
    static final Duration AFTER_LONG_TERM_ERROR = Duration.ofHours(6);
    static final Duration AFTER_TEMPORARY_ERROR = Duration.ofMinutes(15);
    /** How often to look whether an STI-CA without ARI has gained it. */
    static final Duration WITHOUT_ARI = Duration.ofDays(1);

    /** A suggested window as the STI-CA sent it (section 4.2), with its optional explanationURL. */
    record Window(OffsetDateTime start, OffsetDateTime end, String explanationUrl) {
        static Window of(Instant start, Instant end, String explanationUrl) {
            return new Window(OffsetDateTime.ofInstant(start, ZoneOffset.UTC), OffsetDateTime.ofInstant(end, ZoneOffset.UTC),
                    explanationUrl);
        }

        /** Whether the window has ended at {@code now}: the STI-CA asks for a replacement at once. */
        boolean isPast(OffsetDateTime now) {
            return !end.isAfter(now);
        }
    }

    private AriPlan() {
    }

    /**
     * The renewal time for a window, or null for a window the client must treat as no answer: one whose end does not
     * follow its start (section 4.2), or that starts too late.
     *
     * @param notBefore the certificate's start
     * @param notAfter  the certificate's end: a window is cut a tenth of the lifetime before it, so that a renewal
     *                  drawn at the window's end still has time to be retried before the certificate expires
     */
    static OffsetDateTime renewalTime(Window window, OffsetDateTime notBefore, OffsetDateTime notAfter, OffsetDateTime now,
                                      RandomGenerator random) {
        OffsetDateTime latest = notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(10));
        OffsetDateTime end = window.end().isAfter(latest) ? latest : window.end();
        if (!end.isAfter(window.start())) {
            return null;
        }
        long span = Duration.between(window.start(), end).toMillis();
        OffsetDateTime chosen = window.start().plus(span <= 0 ? 0 : random.nextLong(span), ChronoUnit.MILLIS);
        // whole seconds, as the CRL watch: the database rounds sub-microseconds, which could put "now" after this round
        return chosen.isAfter(now) ? chosen : now.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The next check after an answer that asked to wait {@code retryAfter} (null: no Retry-After, a long-term error;
     * section 4.3.3), counted from the round's {@code now}.
     */
    static OffsetDateTime nextCheck(OffsetDateTime now, Duration retryAfter) {
        if (retryAfter == null) {
            return now.plus(AFTER_LONG_TERM_ERROR);
        }
        Duration wait = retryAfter;
        if (wait.compareTo(SHORTEST_RECHECK) < 0) {
            wait = SHORTEST_RECHECK;
        } else if (wait.compareTo(LONGEST_RECHECK) > 0) {
            wait = LONGEST_RECHECK;
        }
        return now.plus(wait);
    }
}
