package org.shakenpki.stipa;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shakenpki.trust.TestPki;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STI-PA CRL across a CRL-signer rollover: the STI-PA serves every published CRL signer, with one name, before
 * its root, and the CRL's authorityKeyIdentifier (RFC 5280 section 5.2.1) picks the one that signed it. A CRL of the
 * old signer verifies until it is superseded, whichever signer is served first; an impostor with the signer's name
 * served beside the genuine ones, or a CRL naming a key none of them has, is refused.
 */
class IndirectCrlRolloverTest {
    private static final String CRL_ISSUER = "CN=STI-PA CRL,O=Test STI-PA,C=US";

    private final TestPki.Issued root = TestPki.root("CN=Test STI-PA Root,O=Test STI-PA,C=US");
    private final TestPki.Issued oldSigner = crlSigner(root);
    private final TestPki.Issued newSigner = crlSigner(root);
    private final Set<TrustAnchor> anchors = Set.of(new TrustAnchor(root.certificate(), null));

    private static TestPki.Issued crlSigner(TestPki.Issued issuer) {
        return TestPki.issue(TestPki.leaf().subject(CRL_ISSUER).tnAuthList(null).keyUsage(KeyUsage.cRLSign)
                .key(org.shakenpki.pkix.Vectors.p256()), issuer);
    }

    private static byte[] crl(TestPki.Issued signer) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(CRL_ISSUER), Date.from(TestPki.NOW.minus(1, ChronoUnit.HOURS)));
        builder.setNextUpdate(Date.from(TestPki.NOW.plus(1, ChronoUnit.DAYS)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.certificate().getPublicKey()));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.key().getPrivate())).getEncoded();
    }

    private IndirectCrl verify(byte[] crl, X509Certificate... served) {
        return IndirectCrl.verify(crl, List.of(served), anchors, TestPki.NOW);
    }

    @Test
    void theOldSignersCrlVerifiesWhileBothSignersArePublishedInEitherOrder() throws Exception {
        byte[] old = crl(oldSigner);
        byte[] next = crl(newSigner);
        assertEquals(new X500Name(CRL_ISSUER), verify(old, oldSigner.certificate(), newSigner.certificate(), root.certificate()).issuer());
        assertEquals(new X500Name(CRL_ISSUER), verify(old, newSigner.certificate(), oldSigner.certificate(), root.certificate()).issuer());
        assertEquals(new X500Name(CRL_ISSUER), verify(next, oldSigner.certificate(), newSigner.certificate(), root.certificate()).issuer());
        // before any rollover: one signer and the root, as before
        assertEquals(new X500Name(CRL_ISSUER), verify(old, oldSigner.certificate(), root.certificate()).issuer());
    }

    @Test
    void anImpostorWithTheSignersNameServedBesideTheGenuineOnesIsRefused() throws Exception {
        TestPki.Issued otherRoot = TestPki.root("CN=Forged STI-PA Root,O=Test STI-PA,C=US");
        TestPki.Issued impostor = crlSigner(otherRoot);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> verify(crl(impostor), impostor.certificate(), newSigner.certificate(), root.certificate()));
        assertTrue(refused.getMessage().startsWith("the CRL signer is not an STI-PA CRL signer"), refused.getMessage());
    }

    @Test
    void aCrlNamingAKeyNoPublishedSignerHasIsRefused() throws Exception {
        TestPki.Issued unpublished = crlSigner(root);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> verify(crl(unpublished), oldSigner.certificate(), newSigner.certificate(), root.certificate()));
        assertEquals("none of the published CRL signers has the key the CRL's authorityKeyIdentifier names", refused.getMessage());
    }
}
