package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.pkix.VerifiedSubject;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The profile lint compares a subscriber certificate's subject with the subscriber record (ATIS-1000080 section
 * 6.4.1): a certificate mis-built from it (another provider's O, a lost or an unverified attribute, a CN other than
 * "SHAKEN SPC") is refused before the HSM is asked to sign.
 */
class SubscriberSubjectLintTest {
    private static final CertificateProfiles.CrlPoint CRL = new CertificateProfiles.CrlPoint(
            "https://sti-pa.example/download/v1/crl", "CN=STI-PA CRL,O=shaken-pki STI-PA,C=US");
    private static final VerifiedSubject ACME = new VerifiedSubject("US", "NJ", "Bridgewater", "AcmeTelecom, Inc.", "VOIP");
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final KeyPair intermediateKey = Vectors.p256();
    private final X500Name intermediateName = CertificateProfiles.name("US", "Test STI-CA", "SHAKEN Intermediate Test");

    @Test
    void theSubjectBuiltFromTheRecordPasses() {
        TBSCertificate tbs = leaf(CertificateProfiles.name("US", "NJ", "Bridgewater", "AcmeTelecom, Inc.", "VOIP", "SHAKEN 1234"));
        assertEquals(List.of(), ShakenProfile.check(tbs, ShakenProfile.Kind.END_ENTITY, ACME));
    }

    @Test
    void anotherProvidersOIsCaughtBeforeSigning() {
        assertRefused(CertificateProfiles.name("US", "NJ", "Bridgewater", "Other Telecom", "VOIP", "SHAKEN 1234"),
                "subject O must be the subscriber's verified \"AcmeTelecom, Inc.\"");
    }

    @Test
    void aLostVerifiedAttributeIsCaught() {
        assertRefused(CertificateProfiles.name("US", null, "Bridgewater", "AcmeTelecom, Inc.", "VOIP", "SHAKEN 1234"),
                "subject ST must be the subscriber's verified \"NJ\"");
    }

    @Test
    void anUnverifiedAttributeIsCaught() {
        VerifiedSubject onlyO = new VerifiedSubject("US", null, null, "AcmeTelecom, Inc.", null);
        SoftwareSigner signer = new SoftwareSigner(intermediateKey);
        TBSCertificate tbs = leaf(CertificateProfiles.name("US", null, "Bridgewater", "AcmeTelecom, Inc.", null, "SHAKEN 1234"));
        var refused = assertThrows(CertificateSigning.ProfileViolation.class,
                () -> CertificateSigning.lintAndSign(tbs, ShakenProfile.Kind.END_ENTITY, onlyO, signer));
        assertEquals(List.of("subject L is not among the subscriber's verified attributes"), refused.violations());
        assertEquals(0, signer.signatures());
    }

    @Test
    void anAttributeNoSubscriberRecordHoldsIsCaught() {
        X500Name withEmail = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, "NJ")
                .addRDN(BCStyle.L, "Bridgewater").addRDN(BCStyle.O, "AcmeTelecom, Inc.").addRDN(BCStyle.OU, "VOIP")
                .addRDN(BCStyle.EmailAddress, "noc@acme.example").addRDN(BCStyle.CN, "SHAKEN 1234").build();
        assertRefused(withEmail, "subject E is not a verified subscriber attribute");
    }

    @Test
    void aCnOfAnotherSpcIsCaught() {
        assertRefused(CertificateProfiles.name("US", "NJ", "Bridgewater", "AcmeTelecom, Inc.", "VOIP", "SHAKEN 9999"),
                "subject CN must be \"SHAKEN 1234\"");
    }

    private void assertRefused(X500Name subject, String violation) {
        SoftwareSigner signer = new SoftwareSigner(intermediateKey);
        var refused = assertThrows(CertificateSigning.ProfileViolation.class,
                () -> CertificateSigning.lintAndSign(leaf(subject), ShakenProfile.Kind.END_ENTITY, ACME, signer));
        assertEquals(List.of(violation), refused.violations());
        assertEquals(0, signer.signatures(), "the HSM signed a certificate whose subject is not the subscriber's");
    }

    private TBSCertificate leaf(X500Name subject) {
        return CertificateProfiles.subscriber(intermediateName, intermediateKey.getPublic(), subject, Vectors.p256().getPublic(),
                now, now.plus(Duration.ofDays(365)), CRL, TNAuthList.ofSpc("1234"), false);
    }
}
