package org.shakenpki.ca;

import java.time.Duration;
import java.time.Instant;

/**
 * A suggested renewal window of ACME Renewal Information (RFC 9773 section 4.2): the {@code start} and {@code end}
 * between which the STI-CA asks the subscriber to renew; {@code end} is always after {@code start}, as section 4.2
 * requires of a server.
 *
 * <p>The default rule ({@link #standard}): the first half of the last third of the validity period,
 * {@code [notAfter - L/3, notAfter - L/6]} for a lifetime {@code L}: renewal starts when two thirds have passed (the
 * SP-KMS's own rule without ARI) and a client that picks the window's last moment still has a sixth of the lifetime
 * to retry before the certificate expires. An operator can pull it forward ({@link #pulledForward}), never back.
 */
public record RenewalWindow(Instant start, Instant end) {
    /** How far before its end a window that an operator pulled into the past starts. */
    static final Duration PAST_WINDOW = Duration.ofHours(1);

    public RenewalWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a renewal window ends after it starts (RFC 9773 section 4.2)");
        }
    }

    /** The default window of a certificate valid from {@code notBefore} to {@code notAfter}. */
    public static RenewalWindow standard(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (lifetime.compareTo(Duration.ofSeconds(6)) < 0) {
            // too short to divide into whole seconds: the whole lifetime, or the second before expiry
            return new RenewalWindow(!lifetime.isNegative() && !lifetime.isZero() ? notBefore : notAfter.minusSeconds(1), notAfter);
        }
        return new RenewalWindow(notAfter.minus(lifetime.dividedBy(3)), notAfter.minus(lifetime.dividedBy(6)));
    }

    /**
     * The window of a certificate to be replaced by {@code by}, as the operator asks at {@code now} (a mass revocation,
     * a key compromise): {@code [now, by]} when {@code by} lies ahead, so that clients spread their renewals over the
     * time there is (RFC 9773 section 1); when {@code by} is now or past, a window that ended at {@code by}, which tells
     * every client to renew at once (section 4.2, step 3).
     */
    public static RenewalWindow pulledForward(Instant now, Instant by) {
        return by.isAfter(now) ? new RenewalWindow(now, by) : new RenewalWindow(by.minus(PAST_WINDOW), by);
    }

    /** Whether this window ends earlier than the other: only such a window pulls the other forward. */
    public boolean endsBefore(RenewalWindow other) {
        return end.isBefore(other.end);
    }

    /** Whether the window has ended at {@code now}: the client should renew at once. */
    public boolean isPast(Instant now) {
        return !end.isAfter(now);
    }
}
