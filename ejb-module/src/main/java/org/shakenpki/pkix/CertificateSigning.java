package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.shakenpki.sks.Signer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Lint before sign (ATIS-1000080 section 6.4.1; the design's principle 4): a certificate is first built
 * unsigned as a {@link TBSCertificate}, checked, and only those exact bytes are given to the HSM.
 */
public final class CertificateSigning {
    private CertificateSigning() {
    }

    /** The to-be-signed part of what the builder would sign, with ecdsa-with-SHA256 as the algorithm. */
    public static TBSCertificate toBeSigned(X509v3CertificateBuilder builder) {
        return builder.build(new UnsignedCapture()).toASN1Structure().getTBSCertificate();
    }

    /**
     * Signs the to-be-signed certificate with the HSM key after checking it against the profile.
     *
     * @throws ProfileViolation if the profile check fails: then nothing was signed
     */
    public static X509Certificate lintAndSign(TBSCertificate tbs, ShakenProfile.Kind kind, Signer signer) {
        return sign(tbs, ShakenProfile.check(tbs, kind), signer);
    }

    /**
     * Signs a subscriber's certificate after checking it against the profile and its subject against what the
     * STI-CA verified about the subscriber ({@link ShakenProfile#check(TBSCertificate, ShakenProfile.Kind, VerifiedSubject)}).
     *
     * @throws ProfileViolation if either check fails: then nothing was signed
     */
    public static X509Certificate lintAndSign(TBSCertificate tbs, ShakenProfile.Kind kind, VerifiedSubject verified, Signer signer) {
        return sign(tbs, ShakenProfile.check(tbs, kind, verified), signer);
    }

    private static X509Certificate sign(TBSCertificate tbs, java.util.List<String> violations, Signer signer) {
        if (!violations.isEmpty()) {
            throw new ProfileViolation(violations);
        }
        try {
            byte[] signature = signer.signDer(tbs.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(tbs);
            certificate.add(HsmContentSigner.ECDSA_WITH_SHA256);
            certificate.add(new DERBitString(signature));
            byte[] der = Certificate.getInstance(new DERSequence(certificate)).getEncoded(ASN1Encoding.DER);
            return parse(der);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** Parses a DER certificate with the JDK. */
    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** A signer that signs nothing: it lets the builder assemble the TBSCertificate. */
    private static final class UnsignedCapture implements ContentSigner {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return HsmContentSigner.ECDSA_WITH_SHA256;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public byte[] getSignature() {
            return new byte[0];
        }
    }

    /** The profile check refused a to-be-signed certificate; the HSM was not asked to sign. */
    public static final class ProfileViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final java.util.List<String> violations;

        public ProfileViolation(java.util.List<String> violations) {
            super("certificate profile violations: " + String.join("; ", violations));
            this.violations = java.util.List.copyOf(violations);
        }

        public java.util.List<String> violations() {
            return violations;
        }
    }
}
