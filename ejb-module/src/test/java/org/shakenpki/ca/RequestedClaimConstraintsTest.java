package org.shakenpki.ca;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STI-CA's handling of JWT Claim Constraints requested in a finalize CSR (RFC 8226 section 8, RFC 9118
 * section 3): well-formed constraints are copied into an end-entity certificate that passes the profile lint;
 * both extensions, a critical one, malformed DER, a CA request, a baseline or rcdi mustExclude are badCSR.
 */
class RequestedClaimConstraintsTest {
    private static final TNAuthList SPC = TNAuthList.ofSpc("1234");
    private static final JwtClaimConstraints VETTED = new JwtClaimConstraints(true, List.of("rcd"),
            Map.of("rcd", List.of("{\"nam\":\"Example Bank\"}")), List.of("crn"));
    private final KeyPair account = Vectors.p256();
    private final KeyPair key = Vectors.p256();

    private byte[] csr(boolean ca, Object... extensions) throws Exception {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        generator.addExtension(TNAuthList.OID, false, SPC.der());
        if (ca) {
            generator.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        for (int i = 0; i < extensions.length; i += 3) {
            generator.addExtension(new Extension((org.bouncycastle.asn1.ASN1ObjectIdentifier) extensions[i],
                    (Boolean) extensions[i + 1], new DEROctetString((byte[]) extensions[i + 2])));
        }
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN 1234"), key.getPublic());
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, generator.generate());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private CsrCheck.Accepted check(byte[] der, boolean ca) {
        return CsrCheck.check(der, SPC, ca, account.getPublic(), true, k -> false);
    }

    private void assertBad(byte[] der, boolean ca, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> check(der, ca));
        assertEquals(ProblemType.BAD_CSR, e.type());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    @Test
    void requestedConstraintsAreCopiedIntoALeafThatPassesTheProfile() throws Exception {
        CsrCheck.Accepted accepted = check(csr(false, VETTED.oid(), false, VETTED.der()), false);
        assertEquals(VETTED, accepted.claimConstraints());
        assertNull(check(csr(false), false).claimConstraints(), "no request, no constraints");

        KeyPair intermediate = Vectors.p256();
        Instant now = Instant.parse("2025-01-03T00:00:00Z");
        TBSCertificate tbs = CertificateProfiles.subscriber(new X500Name("CN=Test SHAKEN Intermediate,O=Test,C=US"),
                intermediate.getPublic(), CertificateProfiles.name("US", "Test STI-CA", "SHAKEN 1234"), key.getPublic(), now,
                now.plus(Duration.ofDays(365)), new CertificateProfiles.CrlPoint("https://sti-pa.example.test/crl",
                        "CN=STI-PA CRL,O=STI-PA,C=US"), SPC, false, accepted.claimConstraints());
        assertEquals(List.of(), ShakenProfile.check(tbs, ShakenProfile.Kind.END_ENTITY));
        Extension copied = tbs.getExtensions().getExtension(JwtClaimConstraints.ENHANCED_OID);
        assertArrayEquals(VETTED.der(), copied.getExtnValue().getOctets());
        assertTrue(!copied.isCritical());
    }

    @Test
    void malformedOrMisplacedConstraintsAreBadCsr() throws Exception {
        JwtClaimConstraints plain = new JwtClaimConstraints(false, List.of("rcd"), Map.of(), List.of());
        assertBad(csr(false, VETTED.oid(), false, VETTED.der(), plain.oid(), false, plain.der()), false, "both");
        assertBad(csr(false, VETTED.oid(), true, VETTED.der()), false, "critical");
        assertBad(csr(false, VETTED.oid(), false, new byte[] {0x30, 0x00}), false, "do not decode");
        assertBad(csr(false, plain.oid(), false, VETTED.der()), false, "do not decode");
        assertBad(csr(true, VETTED.oid(), false, VETTED.der()), true, "end-entity");
        JwtClaimConstraints voided = new JwtClaimConstraints(true, List.of(), Map.of(), List.of("orig"));
        assertBad(csr(false, voided.oid(), false, voided.der()), false, "iat, orig or dest");
        JwtClaimConstraints noIntegrity = new JwtClaimConstraints(true, List.of(), Map.of(), List.of("rcdi"));
        assertBad(csr(false, noIntegrity.oid(), false, noIntegrity.der()), false, "rcdi");
    }

    @Test
    void theProfileRefusesConstraintsInACaCertificate() throws Exception {
        TBSCertificate delegate = Certificate.getInstance(org.shakenpki.trust.TestPki.issue(
                org.shakenpki.trust.TestPki.caCert("CN=SHAKEN Delegate,O=Test,C=US").ca(0).extension(VETTED.oid(), VETTED.der()),
                org.shakenpki.trust.TestPki.root("CN=SHAKEN Test Root,O=Test,C=US")).certificate().getEncoded()).getTBSCertificate();
        assertTrue(ShakenProfile.check(delegate, ShakenProfile.Kind.DELEGATE_CA).toString().contains("end-entity certificates only"));
    }
}
