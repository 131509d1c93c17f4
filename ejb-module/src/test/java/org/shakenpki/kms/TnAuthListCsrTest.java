package org.shakenpki.kms;

import org.junit.jupiter.api.Test;
import org.shakenpki.ca.CsrCheck;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The SP-KMS's CSR (RFC 2986, RFC 9448): the TNAuthList alone, or with the JWT Claim Constraints a credential asks
 * for (RFC 8226 section 8, RFC 9118 section 3), as the STI-CA's finalize check reads them back.
 */
class TnAuthListCsrTest {
    private static final TNAuthList SPC = TNAuthList.ofSpc("1234");
    private final KeyPair key = Vectors.p256();
    private final KeyPair account = Vectors.p256();

    @Test
    void theCsrCarriesTheRequestedConstraintsForTheStiCa() {
        JwtClaimConstraints constraints = new JwtClaimConstraints(false, List.of("rcd"),
                Map.of("rcd", List.of("{\"nam\":\"Example Bank\"}")), List.of());
        byte[] csr = TnAuthListCsr.build("1234", SPC, new SoftwareSigner(key), constraints);
        CsrCheck.Accepted accepted = CsrCheck.check(csr, SPC, false, account.getPublic(), true, k -> false);
        assertEquals(constraints, accepted.claimConstraints());
        assertEquals(SPC, accepted.tnAuthList());

        byte[] plain = TnAuthListCsr.build("1234", SPC, new SoftwareSigner(key));
        assertNull(CsrCheck.check(plain, SPC, false, account.getPublic(), true, k -> false).claimConstraints());
    }
}
