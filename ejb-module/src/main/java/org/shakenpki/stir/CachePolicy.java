package org.shakenpki.stir;

import java.time.Duration;
import java.util.Locale;

/**
 * How long an x5u certificate chain is kept (ATIS-1000074 section 5.3.1, after RFC 7234): as long as the
 * response's {@code Cache-Control: max-age} says, but never less than 24 hours ("If the HTTP response does not
 * include any recognized caching directives or indicates caching for less than 24 hours, then the STI-VS should
 * cache the HTTP response for 24 hours"), and never more than {@link #MAXIMUM}, so a chain replaced at its URL
 * is seen within a week.
 */
public final class CachePolicy {
    /** The floor ATIS-1000074 sets. */
    public static final Duration MINIMUM = Duration.ofHours(24);
    /** This verifier's ceiling. */
    public static final Duration MAXIMUM = Duration.ofDays(7);

    private CachePolicy() {
    }

    /** The lifetime for a {@code Cache-Control} header value (null when absent). */
    public static Duration lifetime(String cacheControl) {
        long maxAge = -1;
        if (cacheControl != null) {
            for (String directive : cacheControl.split(",")) {
                String d = directive.strip().toLowerCase(Locale.ROOT);
                if (d.startsWith("max-age=")) {
                    try {
                        maxAge = Long.parseLong(d.substring(8).replace("\"", "").strip());
                    } catch (NumberFormatException e) {
                        maxAge = -1;
                    }
                }
            }
        }
        Duration declared = maxAge < 0 ? Duration.ZERO : Duration.ofSeconds(maxAge);
        if (declared.compareTo(MINIMUM) < 0) {
            return MINIMUM;
        }
        return declared.compareTo(MAXIMUM) > 0 ? MAXIMUM : declared;
    }
}
