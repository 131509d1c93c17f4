package org.shakenpki.stir;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.Vectors;

import java.math.BigInteger;
import java.util.Date;

/** CRLs made for negative tests. */
final class TestCrls {
    private TestCrls() {
    }

    /** A CRL naming the STI-PA CRL signer as issuer but signed with the STI-PA token signer's key. */
    static byte[] signedWithTokenSignerKey() throws Exception {
        X500Name issuer = X500Name.getInstance(Vectors.certificate("stipa-crl-signer.pem").getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(java.time.Instant.parse("2025-01-02T00:00:00Z")));
        builder.setNextUpdate(Date.from(java.time.Instant.parse("2025-01-09T00:00:00Z")));
        builder.addCRLEntry(BigInteger.TEN, new Date(0), 1);
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(Vectors.privateKey("stipa-signer.key")))
                .getEncoded();
    }
}
