package org.shakenpki.pkix;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ATIS-1000080 section 6.4.1 profile check on the synthetic hierarchy made by an independent tool. */
class ShakenProfileTest {

    @Test
    void theSyntheticHierarchyConforms() throws Exception {
        assertEquals(List.of(), ShakenProfile.check(tbs("leaf-1234.pem"), ShakenProfile.Kind.END_ENTITY));
        assertEquals(List.of(), ShakenProfile.check(tbs("ca-intermediate.pem"), ShakenProfile.Kind.INTERMEDIATE));
        assertEquals(List.of(), ShakenProfile.check(tbs("ca-root.pem"), ShakenProfile.Kind.ROOT));
    }

    @Test
    void aCertificateOfAnotherKindFailsWithReasons() throws Exception {
        List<String> asRoot = ShakenProfile.check(tbs("leaf-1234.pem"), ShakenProfile.Kind.ROOT);
        assertTrue(asRoot.contains("basicConstraints must be present with cA=true"), asRoot.toString());
        assertTrue(asRoot.contains("a root must not carry certificatePolicies"), asRoot.toString());
        assertTrue(asRoot.contains("a root or intermediate must not carry a TNAuthList"), asRoot.toString());
        List<String> asLeaf = ShakenProfile.check(tbs("ca-intermediate.pem"), ShakenProfile.Kind.END_ENTITY);
        assertTrue(asLeaf.contains("TNAuthList is required"), asLeaf.toString());
        assertTrue(asLeaf.contains("keyUsage must be exactly digitalSignature"), asLeaf.toString());
    }

    @Test
    void theRfc9118ExampleIsNotAShakenCertificate() throws Exception {
        // CN "SHAKEN" without the SPC, a Netscape comment and an eJWTClaimConstraints extension, no CP or CRLDP
        List<String> violations = ShakenProfile.check(tbs("rfc9118_fig1_example.pem"), ShakenProfile.Kind.END_ENTITY);
        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().anyMatch(v -> v.contains("not specified by the profile")), violations.toString());
        assertTrue(violations.contains("certificatePolicies must hold exactly one policy"), violations.toString());
    }

    private static TBSCertificate tbs(String vector) throws Exception {
        X509Certificate certificate = Vectors.certificate(vector);
        return Certificate.getInstance(certificate.getEncoded()).getTBSCertificate();
    }
}
