package org.shakenpki.pa;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.shakenpki.pkix.HsmContentSigner;
import org.shakenpki.sks.Signer;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Builds the STI-PA's own certificates (RFC 5280): a self-signed root, and under it the SPC-token signer
 * (digitalSignature) and the CRL signer (cRLSign). SKI is the 160-bit SHA-1 of the key (RFC 5280 section
 * 4.2.1.2 method 1), AKI carries the issuer's key id only, serials have 64+ random bits, and every signature
 * is made on the {@code pa} token.
 */
final class PaCertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PaCertificateBuilder() {
    }

    static X509Certificate root(X500Name subject, Signer key, Instant now, int years) {
        return build(subject, key.publicKey(), subject, key, key.publicKey(), now, years,
                new BasicConstraints(true), KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    static X509Certificate issued(X500Name subject, PublicKey subjectKey, X509Certificate issuer, Signer issuerKey,
                                  Instant now, int years, int keyUsage) {
        return build(subject, subjectKey, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey, issuer.getPublicKey(), now, years, new BasicConstraints(false), keyUsage);
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, Signer issuerKey,
                                         PublicKey issuerPublicKey, Instant now, int years,
                                         BasicConstraints constraints, int keyUsage) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Instant notBefore = now.minus(1, ChronoUnit.HOURS);
            Instant notAfter = notBefore.plus(365L * years, ChronoUnit.DAYS);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, constraints)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            if (!subjectKey.equals(issuerPublicKey)) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(new HsmContentSigner(issuerKey)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build the certificate of " + subject, e);
        }
    }

    /** A positive serial with 64 random bits and a leading non-zero bit pattern (RFC 5280 section 4.1.2.2). */
    static BigInteger serial() {
        return new BigInteger(64, RANDOM).setBit(64);
    }
}
