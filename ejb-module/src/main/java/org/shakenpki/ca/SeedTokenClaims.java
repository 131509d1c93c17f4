package org.shakenpki.ca;

import com.nimbusds.jose.util.Base64URL;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claims of an SPC token in the shape ATIS-1000080's overview describes (section 6.3.5 as first presented:
 * "Service Provider Code Token (JWT)"), checked on the unverified payload by {@link TkAuthValidator} when
 * {@code shakenpki.ca.accept-seed-tokens} is on:
 *
 * <ul>
 * <li>{@code sub}: a JSON array of ASCII strings holding the SPC; "only a single Service Provider Code is
 *     required", so exactly one, and it must be the SPC of the challenge's TNAuthList identifier (itself
 *     exactly one SPC entry);</li>
 * <li>{@code iat}, {@code nbf}, {@code exp}: NumericDates, all required; {@code exp} has not passed,
 *     {@code nbf} and {@code iat} are not in the future;</li>
 * <li>{@code fingerprint}: base64url(JWK_Thumbprint(accountKey)), the RFC 7638 SHA-256 thumbprint of the ACME
 *     account key, unpadded, exactly.</li>
 * </ul>
 *
 * The shape has no {@code ca} claim (never a delegate CA authorization) and no {@code jti}; a {@code jti}, if
 * present, is returned for the audit. Malformed claims are {@code incorrectResponse}; a token outside its
 * time window is {@code unauthorized}, as for the RFC 9448 shape.
 */
final class SeedTokenClaims {
    private static final int MAX_JTI = 200;

    private SeedTokenClaims() {
    }

    /** Whether a payload is seed-shaped rather than RFC 9448: no {@code atc}, but {@code sub} and {@code fingerprint}. */
    static boolean isSeedShaped(Map<String, Object> payload) {
        return !payload.containsKey("atc") && payload.containsKey("sub") && payload.containsKey("fingerprint");
    }

    /**
     * Checks the claims against the challenge and the account key.
     *
     * @return the token's {@code jti}, or null if it has none
     */
    static String check(Map<String, Object> payload, TNAuthList identifier, PublicKey accountKey, Instant now) {
        String spc = spcOf(payload.get("sub"));
        if (identifier.entries().size() != 1 || identifier.spcs().size() != 1) {
            throw incorrect("a seed-shaped SPC token authorizes one SPC; the identifier is not a TNAuthList of one SPC");
        }
        if (!identifier.spcs().get(0).equals(spc)) {
            throw incorrect("sub does not match the authorization's SPC");
        }
        long iat = numericDate(payload, "iat");
        long nbf = numericDate(payload, "nbf");
        long exp = numericDate(payload, "exp");
        long seconds = now.getEpochSecond();
        if (exp <= seconds) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token has expired");
        }
        if (nbf > seconds) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token is not valid yet (nbf)");
        }
        if (iat > seconds) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token was issued in the future (iat)");
        }
        Object fingerprint = payload.get("fingerprint");
        String expected = Base64URL.encode(Fingerprints.jwkThumbprint(accountKey)).toString();
        if (!(fingerprint instanceof String text) || !text.equals(expected)) {
            throw incorrect("fingerprint is not base64url(JWK thumbprint) of the account key");
        }
        Object jti = payload.get("jti");
        if (jti == null) {
            return null;
        }
        if (!(jti instanceof String id) || id.isBlank() || id.length() > MAX_JTI) {
            throw incorrect("jti, when present, must be a string of at most " + MAX_JTI + " characters");
        }
        return id;
    }

    private static String spcOf(Object sub) {
        if (!(sub instanceof List<?> list)) {
            throw incorrect("sub must be a JSON array holding the SPC");
        }
        if (list.size() != 1) {
            throw incorrect("sub must hold exactly one SPC, not " + list.size());
        }
        if (!(list.get(0) instanceof String spc) || spc.isBlank()) {
            throw incorrect("sub must hold the SPC as a string");
        }
        return spc;
    }

    private static long numericDate(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (!(value instanceof Number number)) {
            throw incorrect(name + " is missing or not a NumericDate");
        }
        return number.longValue();
    }

    private static ProblemException incorrect(String detail) {
        return new ProblemException(ProblemType.INCORRECT_RESPONSE, detail);
    }
}
