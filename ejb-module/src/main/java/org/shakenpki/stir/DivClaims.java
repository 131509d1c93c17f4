package org.shakenpki.stir;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a {@code div} PASSporT (RFC 8946 section 3): {@code orig.tn} a number, {@code dest.tn} an array of
 * numbers (the new destination), {@code iat} a NumericDate and {@code div.tn} the number the call was diverted
 * from, all canonicalised (RFC 8224 section 8.3); for {@code div-o} (RFC 8946 section 8) also {@code opt}, the full
 * form of the PASSporT it follows. A {@code div.tn} given as a one-element array is read as that number.
 */
record DivClaims(String orig, Set<String> dest, long iat, String div, String opt) {

    /** @throws Rejected 438 Invalid Identity Header when a claim is missing or malformed */
    static DivClaims of(Map<String, Object> claims, boolean withOpt) {
        if (claims == null) {
            throw invalid("the PASSporT payload is not a JSON object");
        }
        long iat = PassportClaims.iat(claims.get("iat"));
        String origTn = PassportClaims.orig(claims);
        Set<String> canonicalDest = PassportClaims.dest(claims);
        if (!(claims.get("div") instanceof Map<?, ?> div)) {
            throw invalid("div must be an object with a tn (RFC 8946 section 3)");
        }
        Object divTn = div.get("tn");
        if (divTn instanceof List<?> list && list.size() == 1) {
            divTn = list.get(0);
        }
        if (!(divTn instanceof String divText)) {
            throw invalid("div.tn must be a telephone number string");
        }
        String opt = null;
        if (withOpt) {
            if (!(claims.get("opt") instanceof String text) || text.isBlank()) {
                throw invalid("a div-o PASSporT must carry the PASSporT it follows in opt (RFC 8946 section 8)");
            }
            opt = text;
        }
        return new DivClaims(origTn, canonicalDest, iat,
                PassportClaims.canonical(divText, "div.tn"), opt);
    }

    private static Rejected invalid(String detail) {
        return new Rejected(Failure.INVALID_IDENTITY_HEADER, detail);
    }
}
