package org.shakenpki.stir;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The range of NumericDates (RFC 7519 section 2: seconds since the epoch) this verifier reads, for the PASSporT
 * {@code iat} (RFC 8225 section 5.1.1) and the {@code time} of a verification request: 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, the dates RFC 3339 can write. Outside it no call can be current, and
 * {@link Instant#ofEpochSecond(long)} fails beyond about year 10^9, so values are checked here, as exact decimals,
 * before any date arithmetic.
 */
public final class NumericDates {
    /** 1970-01-01T00:00:00Z. */
    public static final long EARLIEST = 0L;
    /** 9999-12-31T23:59:59Z. */
    public static final long LATEST = 253_402_300_799L;

    private NumericDates() {
    }

    /** Whether the value is a whole number of seconds (1e17, 5.0 count as whole). */
    public static boolean isWhole(BigDecimal seconds) {
        return seconds.signum() == 0 || seconds.stripTrailingZeros().scale() <= 0;
    }

    /** Whether the value lies in [{@link #EARLIEST}, {@link #LATEST}]; compared exactly, so 1e300 costs nothing. */
    public static boolean inRange(BigDecimal seconds) {
        return seconds.compareTo(BigDecimal.valueOf(EARLIEST)) >= 0 && seconds.compareTo(BigDecimal.valueOf(LATEST)) <= 0;
    }
}
