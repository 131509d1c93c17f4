package org.shakenpki.stir;

import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.TestPki;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;

/**
 * PASSporTs signed with delegate end-entity certificates (RFC 9060 section 4, ATIS-1000092): a TNAuthList of a
 * range or single numbers instead of an SPC. Before delegate certificates were accepted, every case here failed
 * with "the TNAuthList must hold exactly one SPC"; before the number check, a range certificate would have
 * signed for any orig once accepted.
 */
class DelegatePassportTest {
    private static final String TO = "12155550131";
    private static final long IAT = NOW.getEpochSecond() - 10;
    private static final TNAuthList RANGE = TNAuthList.of(List.of(new TNAuthList.Range("12025550100", BigInteger.valueOf(100))));

    private final TestPki.Issued root = TestPki.root("CN=Delegate Test STI-CA Root,C=US");
    private final TestPki.Issued intermediate = TestPki.issue(TestPki.caCert("CN=Delegate Test STI-CA Intermediate,C=US").ca(1), root);
    private final TestPki.Issued delegateCa = TestPki.issue(TestPki.caCert("CN=SHAKEN 1234 delegate CA").ca(0)
            .tnAuthList(TNAuthList.ofSpc("1234")), intermediate);
    private final ServedChains served = new ServedChains();
    private final PassportVerifier verifier = served.verifier(root);

    private VerificationResult verify(TestPki.Issued leaf, String orig, TestPki.Issued... above) throws Exception {
        TestPki.Issued[] chain = new TestPki.Issued[above.length + 1];
        chain[0] = leaf;
        System.arraycopy(above, 0, chain, 1, above.length);
        String x5u = served.publish("delegate-" + leaf.certificate().getSerialNumber(), chain);
        return verifier.verify(new VerificationRequest(orig, List.of(TO), NOW,
                StirVectors.identity(leaf.key().getPrivate(), x5u, IAT, orig, TO)));
    }

    private TestPki.Issued leaf(TNAuthList list, TestPki.Issued issuer) {
        return TestPki.issue(TestPki.leaf().subject("CN=SHAKEN delegate Example Enterprise,O=Example Enterprise,C=US")
                .tnAuthList(list), issuer);
    }

    @Test
    void aRangeLeafSignsForANumberInItsRange() throws Exception {
        VerificationResult result = verify(leaf(RANGE, delegateCa), "12025550150", delegateCa, intermediate);
        assertTrue(result.passed(), result.reason());
        assertEquals("1234", result.spc(), "the SPC of the delegate CA that delegated the range");
    }

    @Test
    void aRangeLeafDoesNotSignForANumberOutsideItsRange() throws Exception {
        VerificationResult result = verify(leaf(RANGE, delegateCa), "12025550200", delegateCa, intermediate);
        assertEquals(Failure.UNSUPPORTED_CREDENTIAL, result.failure(), result.reason());
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat());
        assertEquals(437, result.failure().sipCode());
        assertTrue(result.reason().contains("does not cover orig 12025550200"), result.reason());
    }

    @Test
    void aSingleNumberLeafSignsOnlyForThatNumber() throws Exception {
        TestPki.Issued one = leaf(TNAuthList.of(List.of(new TNAuthList.One("12025550177"))), delegateCa);
        assertTrue(verify(one, "12025550177", delegateCa, intermediate).passed());
        VerificationResult other = verify(one, "12025550178", delegateCa, intermediate);
        assertTrue(other.reason().contains("does not cover orig 12025550178"), other.reason());
    }

    /** A delegate CA scoped to a range (as another STI-CA may issue one) cannot delegate numbers outside it. */
    @Test
    void aLeafOutsideItsDelegateCasRangeIsRefused() throws Exception {
        TestPki.Issued rangeCa = TestPki.issue(TestPki.caCert("CN=SHAKEN range delegate CA").ca(0).tnAuthList(RANGE), intermediate);
        TNAuthList outside = TNAuthList.of(List.of(new TNAuthList.Range("12025550150", BigInteger.valueOf(100))));
        VerificationResult result = verify(leaf(outside, rangeCa), "12025550160", rangeCa, intermediate);
        assertEquals(Failure.UNSUPPORTED_CREDENTIAL, result.failure(), result.reason());
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat());
        assertTrue(result.reason().contains("is not within its issuer's"), result.reason());
        assertTrue(verify(leaf(RANGE, rangeCa), "12025550160", rangeCa, intermediate).passed());
    }

    @Test
    void aRangeLeafDirectlyUnderTheIntermediateHasNoDelegatingSpc() throws Exception {
        VerificationResult result = verify(leaf(RANGE, intermediate), "12025550150", intermediate);
        assertTrue(result.passed(), result.reason());
        assertNull(result.spc());
    }

    @Test
    void anSpcLeafStillSignsForAnyNumber() throws Exception {
        TestPki.Issued spcLeaf = TestPki.issue(TestPki.leaf(), delegateCa);
        assertTrue(verify(spcLeaf, "19995550000", delegateCa, intermediate).passed());
    }
}
