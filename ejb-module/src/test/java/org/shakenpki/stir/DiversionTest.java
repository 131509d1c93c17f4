package org.shakenpki.stir;

import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.TestPki;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;

/**
 * The STI-VS on diverted calls (RFC 8946, ATIS-1000085): an original SHAKEN PASSporT from A to B signed by the
 * originating provider (SPC 1234), {@code div} PASSporTs B to C and C to D signed by the diverting providers (SPC
 * 5678 and 9012) with {@link PassportSigner}, each chain under a root on the STI-PA trust list; and the forgeries a
 * diverting provider or an attacker can send: a {@code div} that does not follow, one whose certificate chain is
 * forged, one without its original, one that changes the calling number, a stale one, a {@code div-o} whose
 * {@code opt} is another PASSporT.
 */
class DiversionTest {
    private static final String A = "12155550121";
    private static final String B = "12155550131";
    private static final String C = "12155550141";
    private static final String D = "12155550151";
    private static final long IAT = NOW.getEpochSecond() - 10;

    private final TestPki.Issued root = TestPki.root("CN=Diversion Test STI-CA Root,C=US");
    private final TestPki.Issued intermediate = TestPki.issue(TestPki.caCert("CN=Diversion Test STI-CA Intermediate,C=US").ca(1), root);
    private final TestPki.Issued originating = TestPki.issue(TestPki.leaf(), intermediate);
    private final TestPki.Issued diverting = TestPki.issue(provider("5678"), intermediate);
    private final TestPki.Issued second = TestPki.issue(provider("9012"), intermediate);
    private final ServedChains served = new ServedChains();
    private final PassportVerifier verifier = served.verifier(root);

    private static TestPki.Spec provider(String spc) {
        return TestPki.leaf().subject("CN=SHAKEN " + spc + ",O=Diverting Telecom,C=US").tnAuthList(TNAuthList.ofSpc(spc));
    }

    private SigningCredential publish(String name, TestPki.Issued... chain) {
        return new SigningCredential(name, new SoftwareSigner(chain[0].key()), served.publish(name, chain),
                NOW.minusSeconds(3600), NOW.plusSeconds(3600));
    }

    private String shaken() {
        return new PassportSigner().sign(new SigningRequest("A", List.of(B), IAT, A, "3a47c3b1-0c1f-4b4e-9d55-5a8b1f3e2c10"),
                publish("originating", originating, intermediate));
    }

    private String div(TestPki.Issued signer, String from, String to, String orig, long iat, String opt) {
        return new PassportSigner().signDiversion(new DivSigningRequest(List.of(to), from, iat, orig, opt),
                publish("div-" + signer.certificate().getSerialNumber(), signer, intermediate));
    }

    private String div(TestPki.Issued signer, String from, String to) {
        return div(signer, from, to, A, IAT, null);
    }

    private VerificationResult verify(String to, String... identities) {
        return verifier.verify(new VerificationRequest(A, List.of(to), NOW, List.of(identities)));
    }

    private static void assertFailed(VerificationResult result, Failure failure, String reasonPart) {
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat(), result.reason());
        assertEquals(failure, result.failure(), result.reason());
        assertTrue(result.reason().contains(reasonPart), result.reason());
    }

    @Test
    void oneDiversionPassesWithAVerstatPerHeader() {
        String div = div(diverting, B, C);
        assertTrue(div.endsWith(";alg=ES256;ppt=div"), div);
        VerificationResult result = verify(C, shaken(), div);
        assertTrue(result.passed(), result.reason());
        assertEquals("A", result.attest(), "the overall result carries the original's attestation");
        assertEquals("1234", result.spc());
        assertNull(result.ppt());
        assertEquals(2, result.identities().size());
        assertEquals("shaken", result.identities().get(0).ppt());
        assertTrue(result.identities().get(0).passed());
        assertEquals("div", result.identities().get(1).ppt());
        assertTrue(result.identities().get(1).passed(), result.identities().get(1).reason());
        assertEquals("5678", result.identities().get(1).spc());
        assertTrue(verify(B, shaken(), div).passed(), "the To header field that retargeting leaves unchanged");
    }

    @Test
    void twoDiversionsInAnyOrderPass() {
        VerificationResult result = verify(D, div(second, C, D), shaken(), div(diverting, B, C));
        assertTrue(result.passed(), result.reason());
        assertEquals(3, result.identities().size());
        result.identities().forEach(each -> assertTrue(each.passed(), each.reason()));
        assertEquals("9012", result.identities().get(0).spc());
    }

    @Test
    void aDivWhoseDivClaimDoesNotMatchThePreviousDestinationFails() {
        VerificationResult result = verify(C, shaken(), div(diverting, D, C));
        assertFailed(result, Failure.INVALID_IDENTITY_HEADER, "Identity header 2 (div)");
        assertEquals(438, result.failure().sipCode());
        assertTrue(result.identities().get(0).passed());
        assertFailed(result.identities().get(1), Failure.INVALID_IDENTITY_HEADER, "is not a destination of any PASSporT");
        assertEquals("5678", result.identities().get(1).spc(), "its own signature and certificate verified");
    }

    @Test
    void aSecondDiversionThatSkipsALinkFails() {
        VerificationResult result = verify(D, shaken(), div(second, C, D));
        assertFailed(result, Failure.INVALID_IDENTITY_HEADER, "is not a destination");
    }

    @Test
    void aDivSignedUnderAForgedChainFails() {
        TestPki.Issued forged = TestPki.forge(provider("5678"), intermediate.certificate().getSubjectX500Principal().getName(),
                org.shakenpki.pkix.Vectors.p256());
        VerificationResult result = verify(C, shaken(), div(forged, B, C));
        assertFailed(result, Failure.UNSUPPORTED_CREDENTIAL, "STI-PA trust list");
        assertEquals(437, result.failure().sipCode());
        assertTrue(result.identities().get(0).passed());
        assertFailed(result.identities().get(1), Failure.UNSUPPORTED_CREDENTIAL, "STI-PA trust list");
        assertEquals("A", result.attest());
    }

    @Test
    void aDivWithoutItsOriginalFails() {
        VerificationResult alone = verify(C, div(diverting, B, C));
        assertFailed(alone, Failure.INVALID_IDENTITY_HEADER, "no verified SHAKEN PASSporT");
        assertFailed(alone.identities().get(0), Failure.INVALID_IDENTITY_HEADER, "no verified SHAKEN PASSporT");

        String tampered = shaken().replaceFirst("\\.([^.]*)\\.", ".$1x.");
        VerificationResult badOriginal = verify(C, tampered, div(diverting, B, C));
        assertEquals(Verstat.TN_VALIDATION_FAILED, badOriginal.verstat());
        assertTrue(badOriginal.reason().startsWith("Identity header 1 (shaken)"), badOriginal.reason());
        assertFailed(badOriginal.identities().get(1), Failure.INVALID_IDENTITY_HEADER, "no verified SHAKEN PASSporT");
    }

    @Test
    void aDivThatChangesTheCallingNumberFails() {
        VerificationResult result = verify(C, shaken(), div(diverting, B, C, "12155550199", IAT, null));
        assertFailed(result, Failure.INVALID_IDENTITY_HEADER, "differs from the original PASSporT's orig");
    }

    @Test
    void aStaleDivFailsWithStaleDate() {
        VerificationResult result = verify(C, shaken(), div(diverting, B, C, A, NOW.getEpochSecond() - 120, null));
        assertFailed(result, Failure.STALE_DATE, "Identity header 2 (div)");
        assertEquals(403, result.failure().sipCode());
    }

    @Test
    void aDivOCarryingThePassportItFollowsPassesAndAnotherOneFails() {
        String original = shaken();
        String jws = original.substring(0, original.indexOf(';'));
        String divO = div(diverting, B, C, A, IAT, jws);
        assertTrue(divO.endsWith(";ppt=div-o"), divO);
        VerificationResult result = verify(C, original, divO);
        assertTrue(result.passed(), result.reason());
        assertEquals("div-o", result.identities().get(1).ppt());

        String other = shaken();
        VerificationResult wrongOpt = verify(C, original, div(diverting, B, C, A, IAT, other.substring(0, other.indexOf(';')) + "x"));
        assertFailed(wrongOpt, Failure.INVALID_IDENTITY_HEADER, "opt is not the PASSporT");
    }

    @Test
    void aShakenPassportSentAsDivFails() {
        String original = shaken();
        VerificationResult result = verify(B, original, original.replace(";ppt=shaken", ";ppt=div"));
        assertTrue(result.passed(), "the original alone reaches B: " + result.reason());
        assertFailed(result.identities().get(1), Failure.INVALID_IDENTITY_HEADER, "ppt must be div");
    }

    @Test
    void aCallWithoutDiversionHasNoPerHeaderResults() {
        VerificationResult result = verify(B, shaken());
        assertTrue(result.passed(), result.reason());
        assertTrue(result.identities().isEmpty());
    }
}
