package org.shakenpki.kms;

import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.trust.TestPki;
import org.shakenpki.trust.TnAuthScope;
import org.shakenpki.trust.UntrustedPath;

import java.math.BigInteger;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;

/**
 * What the SP-KMS's delegate CA signs (RFC 9060 section 4): the end-entity profile it builds passes the project's
 * lint, each break of it is caught by the lint, and the scope check refuses numbers its delegate CA may not
 * delegate before anything is built.
 */
class DelegateLeafProfileTest {
    private static final TNAuthList RANGE = TNAuthList.of(List.of(new TNAuthList.Range("12025550100", BigInteger.valueOf(100))));

    private final TestPki.Issued root = TestPki.root("CN=Test SHAKEN Root,O=Test STI-CA,C=US");
    private final TestPki.Issued delegateCa = TestPki.issue(TestPki.caCert("CN=SHAKEN 1234,O=Test SP,C=US").ca(0)
            .tnAuthList(TNAuthList.ofSpc("1234")).crlDistributionPoint(true), root);

    private TBSCertificate tbs(TNAuthList list, String holder) {
        return DelegateLeafProfile.tbs(delegateCa.certificate(), "US", holder, Vectors.p256().getPublic(), NOW,
                NOW.plus(90, ChronoUnit.DAYS), list);
    }

    @Test
    void theDelegateEndEntityPassesTheLint() {
        assertEquals(List.of(), ShakenProfile.check(tbs(RANGE, "Example Enterprise"), ShakenProfile.Kind.DELEGATE_END_ENTITY));
    }

    @Test
    void theLintRefusesAnSpcOrACaInTheDelegateEndEntityProfile() {
        List<String> spc = ShakenProfile.check(tbs(TNAuthList.ofSpc("1234"), "Example"), ShakenProfile.Kind.DELEGATE_END_ENTITY);
        assertTrue(spc.contains("a delegate end-entity TNAuthList holds telephone numbers and ranges, not SPCs"), spc.toString());
        List<String> asCa = ShakenProfile.check(tbs(RANGE, "Example"), ShakenProfile.Kind.DELEGATE_CA);
        assertTrue(asCa.contains("basicConstraints must be present with cA=true"), asCa.toString());
    }

    @Test
    void theScopeCheckRefusesNumbersOutsideTheDelegatedOnes() throws Exception {
        TnAuthScope.requireWithin(TNAuthList.of(List.of(new TNAuthList.Range("12025550150", BigInteger.valueOf(50)))), RANGE);
        UntrustedPath outside = assertThrows(UntrustedPath.class, () -> TnAuthScope.requireWithin(
                TNAuthList.of(List.of(new TNAuthList.Range("12025550150", BigInteger.valueOf(51)))), RANGE));
        assertEquals(UntrustedPath.Reason.OUT_OF_SCOPE, outside.reason());
        assertThrows(UntrustedPath.class, () -> TnAuthScope.requireWithin(TNAuthList.ofSpc("1234"), RANGE));
        assertTrue(TnAuthScope.authorizes(RANGE, "12025550199"));
        assertTrue(!TnAuthScope.authorizes(RANGE, "12025550200"));
        assertTrue(TnAuthScope.authorizes(TNAuthList.ofSpc("1234"), "19995550000"));
    }

    @Test
    void numbersAreCheckedAsRfc8226Defines() {
        ProblemException empty = assertThrows(ProblemException.class, () -> DelegateNumbers.of(List.of(), List.of()));
        assertEquals(ProblemType.MALFORMED, empty.type());
        ProblemException single = assertThrows(ProblemException.class,
                () -> DelegateNumbers.of(null, List.of(new DelegateNumbers.Range("12025550100", 1))));
        assertTrue(single.detail().contains("at least 2"), single.detail());
        assertThrows(ProblemException.class, () -> DelegateNumbers.of(List.of("+12025550100"), null));
    }

    @Test
    void aCsrThatIsNotP256OrNotSignedIsBadCsr() {
        ProblemException garbage = assertThrows(ProblemException.class, () -> DelegateCsr.publicKey(new byte[] {0x30, 0x00}));
        assertEquals(ProblemType.BAD_CSR, garbage.type());
    }
}
