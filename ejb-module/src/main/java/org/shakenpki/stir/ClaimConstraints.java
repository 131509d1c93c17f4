package org.shakenpki.stir;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.pkix.JwtClaimConstraints;

import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enforces the JWT Claim Constraints (RFC 8226 section 8, RFC 9118 section 3) of every certificate of a validated
 * path on a PASSporT's claims, after its signature verified: "If the PASSporT signer includes a JWT claim outside
 * the constraint boundaries, then the PASSporT recipient will reject the entire PASSporT" (RFC 9118, Abstract).
 *
 * <ul>
 *   <li>{@code mustInclude}: each claim named must be present.</li>
 *   <li>{@code permittedValues}: a claim named, when present, must have one of the listed values. A string claim is
 *       compared as the string; any other JSON value (the {@code rcd} and {@code rcdi} objects) by its RFC 8785
 *       canonical form against the canonical form of the listed value read as JSON, so that key order and
 *       whitespace in the certificate do not matter.</li>
 *   <li>{@code mustExclude} (RFC 9118): each claim named must be absent. An extension that excludes {@code iat},
 *       {@code orig} or {@code dest} counts as absent (RFC 9118 section 3), in {@link JwtClaimConstraints#of}.</li>
 * </ul>
 *
 * <p>RFC 9118 section 3 defines the extension for end-entity certificates; constraints found in a CA certificate of
 * the path are enforced as well, since an STI-CA or a delegating provider (RFC 9060) that constrained the
 * certificates it issues means the PASSporTs signed under them (docs/interop.md, "JWT Claim Constraints").
 * A violation is 438 Invalid Identity Header; a certificate whose constraints do not decode is 437 Unsupported
 * Credential, since its issuer's limits cannot be known.
 */
final class ClaimConstraints {
    private ClaimConstraints() {
    }

    /** @throws Rejected when a certificate's constraints are violated or unreadable */
    static void check(List<X509Certificate> path, Map<String, Object> claims) {
        for (X509Certificate certificate : path) {
            Optional<JwtClaimConstraints> found;
            try {
                found = JwtClaimConstraints.of(certificate);
            } catch (IllegalArgumentException e) {
                throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "the JWT Claim Constraints of "
                        + certificate.getSubjectX500Principal().getName() + " cannot be read: " + e.getMessage());
            }
            if (found.isPresent()) {
                check(found.get(), claims, certificate.getSubjectX500Principal().getName());
            }
        }
    }

    static void check(JwtClaimConstraints constraints, Map<String, Object> claims, String subject) {
        for (String claim : constraints.mustInclude()) {
            if (!claims.containsKey(claim)) {
                throw violated("the PASSporT lacks the claim " + claim + ", which the JWT Claim Constraints of " + subject + " require");
            }
        }
        for (Map.Entry<String, List<String>> permitted : constraints.permittedValues().entrySet()) {
            if (claims.containsKey(permitted.getKey()) && !permits(permitted.getValue(), claims.get(permitted.getKey()))) {
                throw violated("the PASSporT's " + permitted.getKey() + " is not among the values the JWT Claim Constraints of "
                        + subject + " permit");
            }
        }
        for (String claim : constraints.mustExclude()) {
            if (claims.containsKey(claim)) {
                throw violated("the PASSporT carries the claim " + claim + ", which the JWT Claim Constraints of " + subject + " exclude");
            }
        }
    }

    private static boolean permits(List<String> values, Object value) {
        if (value instanceof String text) {
            return values.contains(text);
        }
        String canonical;
        try {
            canonical = Jcs.write(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String permitted : values) {
            try {
                if (canonical.equals(Jcs.write(json(permitted)))) {
                    return true;
                }
            } catch (ParseException | IllegalArgumentException e) {
                // a listed value that is not JSON permits no JSON value
            }
        }
        return false;
    }

    private static Object json(String text) throws ParseException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return JSONObjectUtils.parse(trimmed);
        }
        if (trimmed.startsWith("[")) {
            return JSONArrayUtils.parse(trimmed);
        }
        return JSONArrayUtils.parse("[" + trimmed + "]").get(0);
    }

    private static Rejected violated(String detail) {
        return new Rejected(Failure.INVALID_IDENTITY_HEADER, detail + " (RFC 8226 section 8, RFC 9118 section 3)");
    }
}
