package org.shakenpki.stir;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a SHAKEN PASSporT (RFC 8588 section 6, RFC 8225 section 5): {@code attest} A, B or C,
 * {@code origid} present, {@code iat} a NumericDate, {@code orig.tn} a number and {@code dest.tn} an array of
 * numbers, all canonicalised (RFC 8224 section 8.3) for comparison with the call's From and To.
 *
 * <p>{@code iat}: a value that is not a whole number of seconds (a fraction, a string other than digits, any
 * other JSON type) is no NumericDate, so the PASSporT is malformed: 438 Invalid Identity Header (RFC 8224
 * section 6.2.2). A whole number outside {@link NumericDates} (before 1970, after 9999, 1e17, 1e300) is a
 * NumericDate no call can be fresh against: 403 Stale Date (RFC 8224 section 6.2.1, ATIS-1000074 section
 * 5.3.1), decided here, before the freshness check does date arithmetic with it.
 */
record PassportClaims(String attest, String origid, long iat, String orig, Set<String> dest) {

    /** @throws Rejected 438 Invalid Identity Header when a claim is missing or malformed */
    static PassportClaims of(Map<String, Object> claims) {
        if (claims == null) {
            throw invalid("the PASSporT payload is not a JSON object");
        }
        if (!(claims.get("attest") instanceof String attest) || !List.of("A", "B", "C").contains(attest)) {
            throw invalid("attest must be A, B or C");
        }
        if (!(claims.get("origid") instanceof String origid) || origid.isBlank()) {
            throw invalid("origid is missing");
        }
        long iat = iat(claims.get("iat"));
        return new PassportClaims(attest, origid, iat, orig(claims), dest(claims));
    }

    /** The canonical {@code orig.tn} (RFC 8225 section 5.2.1), for every PASSporT type. */
    static String orig(Map<String, Object> claims) {
        if (!(claims.get("orig") instanceof Map<?, ?> orig) || !(orig.get("tn") instanceof String origTn)) {
            throw invalid("orig must be an object with a tn string");
        }
        return canonical(origTn, "orig.tn");
    }

    /** The canonical {@code dest.tn} numbers (RFC 8225 section 5.2.1), for every PASSporT type. */
    static Set<String> dest(Map<String, Object> claims) {
        if (!(claims.get("dest") instanceof Map<?, ?> dest) || !(dest.get("tn") instanceof List<?> destTns) || destTns.isEmpty()) {
            throw invalid("dest must be an object with a non-empty tn array");
        }
        Set<String> canonicalDest = new LinkedHashSet<>();
        for (Object tn : destTns) {
            if (!(tn instanceof String text)) {
                throw invalid("dest.tn must hold strings");
            }
            canonicalDest.add(canonical(text, "dest.tn"));
        }
        return Set.copyOf(canonicalDest);
    }

    static long iat(Object value) {
        BigDecimal seconds = null;
        try {
            if (value instanceof Number number) {
                seconds = new BigDecimal(number.toString());
            } else if (value instanceof String text && text.matches("[0-9]{1,12}")) {
                // RFC 8588's own example writes iat as a string of digits; some signers copied it.
                seconds = new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            seconds = null; // NaN or Infinity from a lenient parser
        }
        if (seconds == null || !NumericDates.isWhole(seconds)) {
            throw invalid("iat must be a NumericDate (whole seconds)");
        }
        if (!NumericDates.inRange(seconds)) {
            throw new Rejected(Failure.STALE_DATE, "iat lies before 1970 or after 9999; no call can be fresh against it");
        }
        return seconds.longValueExact();
    }

    static String canonical(String tn, String claim) {
        try {
            return TelephoneNumbers.canonical(tn);
        } catch (IllegalArgumentException e) {
            throw invalid(claim + " is not a telephone number");
        }
    }

    private static Rejected invalid(String detail) {
        return new Rejected(Failure.INVALID_IDENTITY_HEADER, detail);
    }
}
