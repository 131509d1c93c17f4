package org.shakenpki.trust;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import java.math.BigInteger;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;
import static org.shakenpki.trust.TestPki.caCert;
import static org.shakenpki.trust.TestPki.issue;
import static org.shakenpki.trust.TestPki.leaf;

/**
 * The trust kernel attacked with the chains a forger can serve at an x5u or submit to the STI-PA: each case
 * names the chain shape and asserts the exact reason class. The first cases are the shapes that the per-role
 * validators this kernel replaced accepted (they dropped every certificate whose subject equals its issuer, then
 * read the key and SPC from the first certificate served).
 */
class PathValidatorTest {
    private static final String ROOT_DN = "CN=Example STI-CA Root,O=Example STI-CA,C=US";
    private static final String INTERMEDIATE_DN = "CN=Example STI-CA Intermediate,O=Example STI-CA,C=US";

    private final TestPki.Issued root = TestPki.root(ROOT_DN);
    private final TestPki.Issued intermediate = issue(caCert(INTERMEDIATE_DN).ca(0), root);
    private final TestPki.Issued genuine = issue(leaf(), intermediate);
    private final Set<TrustAnchor> anchors = Set.of(root.anchor());

    private ValidatedPath validate(PathPurpose purpose, TestPki.Issued... chain) throws UntrustedPath {
        List<X509Certificate> certificates = new ArrayList<>();
        for (TestPki.Issued issued : chain) {
            certificates.add(issued.certificate());
        }
        return PathValidator.validate(certificates, anchors, NOW, purpose);
    }

    private void assertRefused(UntrustedPath.Reason reason, PathPurpose purpose, TestPki.Issued... chain) {
        UntrustedPath refused = assertThrows(UntrustedPath.class, () -> validate(purpose, chain));
        assertEquals(reason, refused.reason(), refused.getMessage());
    }

    @Test
    void aGenuineChainValidatesAndItsFirstCertificateIsTheEndEntity() throws Exception {
        ValidatedPath path = validate(PathPurpose.PASSPORT_SIGNING, genuine, intermediate);
        assertEquals(genuine.certificate(), path.endEntity());
        assertEquals(List.of(genuine.certificate(), intermediate.certificate()), path.path());
        assertEquals(root.certificate(), path.anchorCertificate());
        assertEquals(List.of("1234"), path.tnAuthList().orElseThrow().spcs());
        assertEquals(1, path.crlIssuers().size());
    }

    @Test
    void aServedRootEqualToTheAnchorIsDropped() throws Exception {
        assertEquals(2, validate(PathPurpose.PASSPORT_SIGNING, genuine, intermediate, root).path().size());
    }

    @Test
    void aSelfSignedCertificateFirstIsTheTargetAndFails() {
        TestPki.Issued forged = TestPki.selfSigned(leaf().subject("CN=SHAKEN 9999").tnAuthList(TNAuthList.ofSpc("9999")));
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, forged, genuine, intermediate);
    }

    @Test
    void aSelfIssuedCertificateFirstSignedByAnotherKeyFails() {
        TestPki.Issued forged = TestPki.forge(leaf().subject("CN=SHAKEN 9999"), "CN=SHAKEN 9999", Vectors.p256());
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, forged, genuine, intermediate);
    }

    @Test
    void aSelfSignedCertificateLastOrInTheMiddleIsNotDropped() {
        TestPki.Issued forgedRoot = TestPki.root(ROOT_DN);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, genuine, intermediate, forgedRoot);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, genuine, forgedRoot, intermediate);
    }

    @Test
    void lookAlikeIssuerNamesAndKeyIdentifiersDoNotChain() throws Exception {
        byte[] genuineKeyId = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(intermediate.certificate()
                        .getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
        TestPki.Issued forgedRoot = TestPki.root(ROOT_DN);
        TestPki.Issued lookAlike = issue(caCert(INTERMEDIATE_DN).ca(0).subjectKeyId(genuineKeyId), forgedRoot);
        TestPki.Issued forgedLeaf = issue(leaf(), lookAlike);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, forgedLeaf, lookAlike);
        // and the genuine intermediate cannot vouch for a leaf the look-alike signed
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, forgedLeaf, intermediate);
    }

    @Test
    void aReversedChainFails() {
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, intermediate, genuine);
    }

    @Test
    void aCaTrueLeafDoesNotSignPassports() {
        TestPki.Issued caLeaf = issue(leaf().ca(null).tnAuthList(TNAuthList.ofSpc("1234")), intermediate);
        assertRefused(UntrustedPath.Reason.WRONG_PURPOSE, PathPurpose.PASSPORT_SIGNING, caLeaf, intermediate);
    }

    @Test
    void aCaCertificateNeverVerifiesAPassport() {
        assertRefused(UntrustedPath.Reason.WRONG_PURPOSE, PathPurpose.PASSPORT_SIGNING, intermediate);
    }

    @Test
    void aLeafWithoutDigitalSignatureDoesNotSignPassports() {
        TestPki.Issued encipherOnly = issue(leaf().keyUsage(KeyUsage.keyAgreement), intermediate);
        assertRefused(UntrustedPath.Reason.WRONG_PURPOSE, PathPurpose.PASSPORT_SIGNING, encipherOnly, intermediate);
    }

    @Test
    void anIssuerThatIsNotACaOrMayNotSignCertificatesFails() {
        TestPki.Issued leafAsIssuer = issue(leaf().subject("CN=SHAKEN 5555"), genuine);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, leafAsIssuer, genuine, intermediate);
        TestPki.Issued noKeyCertSign = issue(caCert("CN=No keyCertSign").ca(null).keyUsage(KeyUsage.digitalSignature), root);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, issue(leaf(), noKeyCertSign), noKeyCertSign);
    }

    @Test
    void thePathLengthConstraintHolds() {
        TestPki.Issued subCa = issue(caCert("CN=Sub CA").ca(null), intermediate);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, issue(leaf(), subCa), subCa, intermediate);
    }

    @Test
    void theAnchorItselfIsNoTarget() {
        assertRefused(UntrustedPath.Reason.ANCHOR_AS_TARGET, PathPurpose.PASSPORT_SIGNING, root);
    }

    @Test
    void malformedChainsAreRefusedBeforeAnySignatureIsChecked() {
        assertRefused(UntrustedPath.Reason.MALFORMED_CHAIN, PathPurpose.PASSPORT_SIGNING);
        assertRefused(UntrustedPath.Reason.MALFORMED_CHAIN, PathPurpose.PASSPORT_SIGNING, genuine, genuine, intermediate);
        List<X509Certificate> long9 = new ArrayList<>(Collections.nCopies(1, genuine.certificate()));
        for (int i = 0; i < 8; i++) {
            long9.add(issue(caCert("CN=Padding " + i).ca(null), root).certificate());
        }
        UntrustedPath tooLong = assertThrows(UntrustedPath.class,
                () -> PathValidator.validate(long9, anchors, NOW, PathPurpose.PASSPORT_SIGNING));
        assertEquals(UntrustedPath.Reason.MALFORMED_CHAIN, tooLong.reason());
        UntrustedPath noAnchor = assertThrows(UntrustedPath.class, () -> PathValidator.validate(
                List.of(genuine.certificate(), intermediate.certificate()), Set.of(), NOW, PathPurpose.PASSPORT_SIGNING));
        assertEquals(UntrustedPath.Reason.MALFORMED_CHAIN, noAnchor.reason());
    }

    @Test
    void anExpiredLeafFailsButMayStillBeRevoked() throws Exception {
        TestPki.Issued expired = issue(leaf().validity(NOW.minus(60, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)), intermediate);
        assertRefused(UntrustedPath.Reason.NOT_TRUSTED, PathPurpose.PASSPORT_SIGNING, expired, intermediate);
        assertEquals(expired.certificate(), validate(PathPurpose.REVOCATION_TARGET, expired, intermediate).endEntity());
    }

    @Test
    void theCrlSignerCannotSignSpcTokensAndTheTokenSignerCannotSignCrls() throws Exception {
        Set<TrustAnchor> stiPa = Set.of(new TrustAnchor(Vectors.certificate("stipa-root.pem"), null));
        X509Certificate crlSigner = Vectors.certificate("stipa-crl-signer.pem");
        X509Certificate tokenSigner = Vectors.certificate("stipa-signer.pem");
        UntrustedPath crlAsToken = assertThrows(UntrustedPath.class,
                () -> PathValidator.validate(List.of(crlSigner), stiPa, NOW, PathPurpose.SPC_TOKEN_SIGNING));
        assertEquals(UntrustedPath.Reason.WRONG_PURPOSE, crlAsToken.reason());
        UntrustedPath tokenAsCrl = assertThrows(UntrustedPath.class,
                () -> PathValidator.validate(List.of(tokenSigner), stiPa, NOW, PathPurpose.CRL_SIGNING));
        assertEquals(UntrustedPath.Reason.WRONG_PURPOSE, tokenAsCrl.reason());
        assertEquals(tokenSigner, PathValidator.validate(List.of(tokenSigner), stiPa, NOW, PathPurpose.SPC_TOKEN_SIGNING).endEntity());
        assertEquals(crlSigner, PathValidator.validate(List.of(crlSigner), stiPa, NOW, PathPurpose.CRL_SIGNING).endEntity());
    }

    /** RFC 9060: a delegate CA under an STI-CA intermediate that allows one more CA below it. */
    private TestPki.Issued delegateCa(TNAuthList scope) {
        TestPki.Issued open = issue(caCert("CN=Example STI-CA Delegating Intermediate").ca(1), root);
        TestPki.Issued delegate = issue(caCert("CN=Delegate CA 1234").ca(0).tnAuthList(scope), open);
        delegates = List.of(delegate, open);
        return delegate;
    }

    private List<TestPki.Issued> delegates;

    private void assertDelegate(UntrustedPath.Reason expected, TNAuthList parent, TNAuthList child) throws Exception {
        TestPki.Issued delegate = delegateCa(parent);
        TestPki.Issued endEntity = issue(leaf().tnAuthList(child), delegate);
        if (expected == null) {
            assertEquals(endEntity.certificate(), validate(PathPurpose.PASSPORT_SIGNING, endEntity, delegate, delegates.get(1)).endEntity());
        } else {
            assertRefused(expected, PathPurpose.PASSPORT_SIGNING, endEntity, delegate, delegates.get(1));
        }
    }

    @Test
    void aDelegateSignsOnlyWithinItsScope() throws Exception {
        TNAuthList spc1234 = TNAuthList.ofSpc("1234");
        TNAuthList range = TNAuthList.of(List.of(new TNAuthList.Range("12155550100", BigInteger.valueOf(100))));
        assertDelegate(null, spc1234, spc1234);
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, spc1234, TNAuthList.ofSpc("9999"));
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, spc1234, TNAuthList.of(List.of(
                new TNAuthList.Spc("1234"), new TNAuthList.Spc("9999"))));
        assertDelegate(null, spc1234, TNAuthList.of(List.of(new TNAuthList.One("12155550123"))));
        assertDelegate(null, range, TNAuthList.of(List.of(new TNAuthList.One("12155550199"))));
        assertDelegate(null, range, TNAuthList.of(List.of(new TNAuthList.Range("12155550150", BigInteger.valueOf(50)))));
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, range, TNAuthList.of(List.of(new TNAuthList.One("12155550200"))));
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, range, TNAuthList.of(List.of(new TNAuthList.Range("12155550150", BigInteger.valueOf(51)))));
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, range, spc1234);
        assertDelegate(UntrustedPath.Reason.OUT_OF_SCOPE, range, TNAuthList.of(List.of(new TNAuthList.One("121555501000"))));
    }

    @Test
    void aCertificateUnderADelegateMustCarryATnAuthList() {
        TestPki.Issued delegate = delegateCa(TNAuthList.ofSpc("1234"));
        TestPki.Issued unscoped = issue(leaf().tnAuthList(null), delegate);
        assertRefused(UntrustedPath.Reason.OUT_OF_SCOPE, PathPurpose.PASSPORT_SIGNING, unscoped, delegate, delegates.get(1));
        assertTrue(delegates.get(1).certificate().getBasicConstraints() >= 0);
    }
}
