package org.shakenpki.ca;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * The JWT Claim Constraints a finalize CSR asks for in its extensionRequest (RFC 8226 section 8, RFC 9118 section
 * 3), the one requested extension besides TNAuthList the STI-CA copies into the certificate: constraints only
 * narrow what the subscriber can sign, so a subscriber may ask for them. They are checked before copying; any of
 * these is {@code badCSR}: both extensions at once, a critical one, one that is not the DER of its type, one in a
 * CA certificate request (RFC 9118 section 3: end-entity certificates only), an enhanced one whose
 * {@code mustExclude} names {@code iat}, {@code orig} or {@code dest} (RFC 9118 section 3 would make it void) or
 * {@code rcdi} (section 8: issuers "SHOULD NOT").
 *
 * <p>The STI-CA does not vet Rich Call Data: a constraint copied from a CSR says what the subscriber bound itself
 * to, not what the CA verified (docs/interop.md, "Rich Call Data").
 */
final class RequestedClaimConstraints {
    private RequestedClaimConstraints() {
    }

    /** The requested constraints, or null for none. */
    static JwtClaimConstraints of(Extensions requested, boolean ca) {
        if (requested == null) {
            return null;
        }
        Extension plain = requested.getExtension(JwtClaimConstraints.OID);
        Extension enhanced = requested.getExtension(JwtClaimConstraints.ENHANCED_OID);
        if (plain == null && enhanced == null) {
            return null;
        }
        if (plain != null && enhanced != null) {
            throw bad("the CSR requests both JWTClaimConstraints and EnhancedJWTClaimConstraints (RFC 9118 section 3)");
        }
        Extension extension = plain != null ? plain : enhanced;
        if (extension.isCritical()) {
            throw bad("the CSR's JWT Claim Constraints must not be critical");
        }
        if (ca) {
            throw bad("JWT Claim Constraints belong in end-entity certificates only (RFC 9118 section 3)");
        }
        JwtClaimConstraints constraints;
        try {
            constraints = JwtClaimConstraints.decode(extension.getExtnValue().getOctets(), enhanced != null);
        } catch (IllegalArgumentException e) {
            throw bad("the CSR's JWT Claim Constraints do not decode: " + e.getMessage());
        }
        if (constraints.excludesBaseline()) {
            throw bad("the CSR's mustExclude names iat, orig or dest, which RFC 9118 section 3 forbids");
        }
        if (constraints.mustExclude().contains("rcdi")) {
            throw bad("the CSR's mustExclude names rcdi, which RFC 9118 section 8 says issuers should not include");
        }
        return constraints;
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(ProblemType.BAD_CSR, detail);
    }
}
