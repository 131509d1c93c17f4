package org.shakenpki.pa;

import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.Map;

/**
 * CRLReason names and codes of RFC 5280 section 5.3.1 that may be asked for. certificateHold (6) and
 * removeFromCRL (8) are refused: a SHAKEN revocation is final, and a CRL that could shrink would let a
 * verifier's cached view resurrect a certificate.
 */
final class RevocationReasons {
    private static final Map<String, Integer> CODES = Map.of(
            "unspecified", 0, "keyCompromise", 1, "cACompromise", 2, "affiliationChanged", 3, "superseded", 4,
            "cessationOfOperation", 5, "privilegeWithdrawn", 9, "aACompromise", 10);

    private RevocationReasons() {
    }

    /** The code of a reason given by name (case-insensitive) or number; absent means unspecified. */
    static int code(String reason) {
        if (reason == null || reason.isBlank()) {
            return 0;
        }
        for (var entry : CODES.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(reason.strip()) || String.valueOf(entry.getValue()).equals(reason.strip())) {
                return entry.getValue();
            }
        }
        throw new ProblemException(ProblemType.BAD_REVOCATION_REASON,
                "unsupported revocation reason '" + reason + "'; use one of " + CODES.keySet());
    }
}
