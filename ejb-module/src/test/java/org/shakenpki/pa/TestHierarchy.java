package org.shakenpki.pa;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away STI-CA (root and intermediate, keys in memory) issuing SHAKEN certificates for tests, each valid from
 * an hour before {@link #ISSUED} to 30 days after, whenever the test runs.
 */
final class TestHierarchy {
    static final Instant ISSUED = Instant.parse("2026-12-01T12:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    final KeyPair rootKey = Vectors.p256();
    final KeyPair intermediateKey = Vectors.p256();
    final X509Certificate root;
    final X509Certificate intermediate;

    TestHierarchy(String name) {
        X500Name rootName = new X500Name("CN=" + name + " Root,O=" + name + ",C=US");
        X500Name intermediateName = new X500Name("CN=" + name + " Intermediate,O=" + name + ",C=US");
        root = certificate(rootName, rootKey.getPrivate(), rootName, rootKey.getPublic(), true, null, next());
        intermediate = certificate(rootName, rootKey.getPrivate(), intermediateName, intermediateKey.getPublic(), true, null, next());
    }

    /** An end-entity certificate for {@code list}, issued by the intermediate. */
    X509Certificate leaf(TNAuthList list) {
        return certificate(X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                intermediateKey.getPrivate(), new X500Name("CN=SHAKEN leaf,O=SP,C=US"), Vectors.p256().getPublic(), false, list, next());
    }

    /** The trust-list entry of this STI-CA's root. */
    TrustAnchor anchor() {
        return new TrustAnchor(TrustListService.fingerprint(root), root.getSubjectX500Principal().getName(), der(root),
                OffsetDateTime.ofInstant(ISSUED, ZoneOffset.UTC));
    }

    /** A self-signed certificate that names {@code issuer} as issuer and subject and has {@code serial}. */
    static X509Certificate selfMade(X500Principal issuer, BigInteger serial, TNAuthList list) {
        KeyPair key = Vectors.p256();
        X500Name name = X500Name.getInstance(issuer.getEncoded());
        return certificate(name, key.getPrivate(), name, key.getPublic(), false, list, serial);
    }

    static X509Certificate certificate(X500Name issuer, PrivateKey signer, X500Name subject, PublicKey key, boolean ca,
                                       TNAuthList list, BigInteger serial) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(ISSUED.minus(Duration.ofHours(1))), Date.from(ISSUED.plus(Duration.ofDays(30))), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (list != null) {
                builder.addExtension(TNAuthList.OID, false, list.der());
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger next() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
