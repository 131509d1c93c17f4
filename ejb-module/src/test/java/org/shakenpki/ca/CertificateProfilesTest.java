package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hierarchy this CA builds conforms to ATIS-1000080 section 6.4.1 and verifies as a chain; a certificate
 * that does not conform is never signed.
 */
class CertificateProfilesTest {
    private static final CertificateProfiles.CrlPoint CRL = new CertificateProfiles.CrlPoint(
            "https://sti-pa.example/download/v1/crl", "CN=STI-PA CRL,O=shaken-pki STI-PA,C=US");
    /** A fixed time: what is signed must not depend on when the test runs. */
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final KeyPair rootKey = Vectors.p256();
    private final KeyPair intermediateKey = Vectors.p256();
    private final X500Name rootName = CertificateProfiles.name("US", "Test STI-CA", "SHAKEN ROOT Test");
    private final X500Name intermediateName = CertificateProfiles.name("US", "Test STI-CA", "SHAKEN Intermediate Test");

    @Test
    void rootIntermediateAndEndEntityConformAndChain() throws Exception {
        SoftwareSigner rootSigner = new SoftwareSigner(rootKey);
        X509Certificate root = CertificateSigning.lintAndSign(CertificateProfiles.root(rootName, rootKey.getPublic(), now,
                now.plus(Duration.ofDays(7300))), ShakenProfile.Kind.ROOT, rootSigner);
        X509Certificate intermediate = CertificateSigning.lintAndSign(CertificateProfiles.intermediate(rootName, rootKey.getPublic(),
                intermediateName, intermediateKey.getPublic(), now, now.plus(Duration.ofDays(3650)), CRL),
                ShakenProfile.Kind.INTERMEDIATE, rootSigner);
        KeyPair subscriber = Vectors.p256();
        X509Certificate leaf = CertificateSigning.lintAndSign(endEntity(subscriber, "SHAKEN 1234", TNAuthList.ofSpc("1234"), false),
                ShakenProfile.Kind.END_ENTITY, new SoftwareSigner(intermediateKey));

        root.verify(rootKey.getPublic());
        intermediate.verify(rootKey.getPublic());
        leaf.verify(intermediateKey.getPublic());
        assertEquals(List.of(), ShakenProfile.check(tbs(leaf), ShakenProfile.Kind.END_ENTITY));
        assertEquals("CN=SHAKEN 1234,O=Test STI-CA,C=US", leaf.getSubjectX500Principal().getName());
        assertEquals(List.of("2.5.29.15", "2.5.29.19"), leaf.getCriticalExtensionOIDs().stream().sorted().toList());
        assertTrue(leaf.getSerialNumber().bitLength() >= 64);
    }

    @Test
    void aDelegateCaCertificateHasItsOwnProfile() {
        TBSCertificate delegate = endEntity(Vectors.p256(), "SHAKEN 1234", TNAuthList.ofSpc("1234"), true);
        assertEquals(List.of(), ShakenProfile.check(delegate, ShakenProfile.Kind.DELEGATE_CA));
        assertTrue(!ShakenProfile.check(delegate, ShakenProfile.Kind.END_ENTITY).isEmpty());
    }

    @Test
    void aNonConformingCertificateIsNeverSigned() {
        SoftwareSigner signer = new SoftwareSigner(intermediateKey);
        TBSCertificate lowercase = endEntity(Vectors.p256(), "SHAKEN 12ab", TNAuthList.ofSpc("12ab"), false);
        var refused = assertThrows(CertificateSigning.ProfileViolation.class,
                () -> CertificateSigning.lintAndSign(lowercase, ShakenProfile.Kind.END_ENTITY, signer));
        assertTrue(refused.violations().toString().contains("uppercase"), refused.violations().toString());

        TBSCertificate telephoneNumbers = endEntity(Vectors.p256(), "SHAKEN x",
                TNAuthList.of(List.of(new TNAuthList.One("12025550100"))), false);
        assertThrows(CertificateSigning.ProfileViolation.class,
                () -> CertificateSigning.lintAndSign(telephoneNumbers, ShakenProfile.Kind.END_ENTITY, signer));
        assertEquals(0, signer.signatures(), "the HSM signed a certificate the profile refused");
    }

    private TBSCertificate endEntity(KeyPair key, String cn, TNAuthList list, boolean ca) {
        return CertificateProfiles.subscriber(intermediateName, intermediateKey.getPublic(),
                CertificateProfiles.name("US", "Test STI-CA", cn), key.getPublic(), now, now.plus(Duration.ofDays(365)), CRL, list, ca);
    }

    static TBSCertificate tbs(X509Certificate certificate) throws Exception {
        return Certificate.getInstance(certificate.getEncoded()).getTBSCertificate();
    }

}
