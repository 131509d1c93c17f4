package org.shakenpki.ca;

import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.time.Instant;

/**
 * The validity period of an issued certificate: from now, or the order's later {@code notBefore} (RFC 8555
 * section 7.1.3), for the lifetime of the order's profile ({@link AcmeProfiles}), cut short by the order's {@code notAfter} and by the
 * issuing certificate's own end (a certificate never outlives its issuer, RFC 5280 section 6.1.3).
 *
 * @param notBefore the first instant of validity
 * @param notAfter  the last
 */
public record Validity(Instant notBefore, Instant notAfter) {

    public static Validity of(Instant now, Instant orderNotBefore, Instant orderNotAfter, int days, Instant issuerNotAfter) {
        return of(now, orderNotBefore, orderNotAfter, Duration.ofDays(days), issuerNotAfter);
    }

    /** As {@link #of(Instant, Instant, Instant, int, Instant)}, for a lifetime of any length (an ACME profile's). */
    public static Validity of(Instant now, Instant orderNotBefore, Instant orderNotAfter, Duration lifetime, Instant issuerNotAfter) {
        Instant start = orderNotBefore != null && orderNotBefore.isAfter(now) ? orderNotBefore : now;
        Instant end = start.plus(lifetime);
        if (orderNotAfter != null && orderNotAfter.isBefore(end)) {
            end = orderNotAfter;
        }
        if (issuerNotAfter.isBefore(end)) {
            end = issuerNotAfter;
        }
        if (!end.isAfter(start)) {
            throw new ProblemException(ProblemType.MALFORMED, "the order's validity window is empty");
        }
        return new Validity(start, end);
    }
}
