package org.shakenpki.trust;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates for attacking the trust kernel: genuine-looking STI-CA hierarchies and the forgeries an attacker
 * can make without an STI-CA's key (self-signed, self-issued, look-alike names and key identifiers, CA:TRUE
 * leaves, delegates outside their scope). In-memory P-256 keys; valid around {@link #NOW}.
 */
public final class TestPki {
    /** Inside the synthetic vectors' CRL and trust-list validity. */
    public static final Instant NOW = Instant.parse("2025-01-03T00:00:00Z");
    /** The cRLIssuer of the synthetic vectors' STI-PA CRL, which SHAKEN leaves name. */
    public static final String STI_PA_CRL_ISSUER = Vectors.certificate("stipa-crl-signer.pem").getSubjectX500Principal().getName();

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {
    }

    /** A key pair and its certificate. */
    public record Issued(KeyPair key, X509Certificate certificate) {
        public TrustAnchor anchor() {
            return new TrustAnchor(certificate, null);
        }
    }

    /** What a certificate should look like; every field has the value a genuine SHAKEN leaf has. */
    public static final class Spec {
        String subject = "CN=SHAKEN 1234,O=Example Telecom,C=US";
        Integer pathLength;
        boolean ca;
        int keyUsage = KeyUsage.digitalSignature;
        TNAuthList tnAuthList = TNAuthList.ofSpc("1234");
        boolean crlDistributionPoint = true;
        byte[] subjectKeyId;
        Instant notBefore = NOW.minus(1, ChronoUnit.DAYS);
        Instant notAfter = NOW.plus(30, ChronoUnit.DAYS);
        KeyPair key = Vectors.p256();
        final java.util.Map<org.bouncycastle.asn1.ASN1ObjectIdentifier, byte[]> extra = new java.util.LinkedHashMap<>();

        public Spec subject(String dn) {
            subject = dn;
            return this;
        }

        public Spec ca(Integer pathLen) {
            ca = true;
            pathLength = pathLen;
            keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            crlDistributionPoint = false;
            tnAuthList = null;
            return this;
        }

        /** With or without the STI-PA CRL distribution point (leaves have it, {@link #ca} removes it). */
        public Spec crlDistributionPoint(boolean present) {
            crlDistributionPoint = present;
            return this;
        }

        public Spec keyUsage(int usage) {
            keyUsage = usage;
            return this;
        }

        public Spec tnAuthList(TNAuthList list) {
            tnAuthList = list;
            return this;
        }

        public Spec subjectKeyId(byte[] id) {
            subjectKeyId = id;
            return this;
        }

        public Spec validity(Instant from, Instant until) {
            notBefore = from;
            notAfter = until;
            return this;
        }

        public Spec key(KeyPair pair) {
            key = pair;
            return this;
        }

        /** A further non-critical extension, its value given as DER (JWT Claim Constraints, say). */
        public Spec extension(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, byte[] der) {
            extra.put(oid, der.clone());
            return this;
        }
    }

    public static Spec leaf() {
        return new Spec();
    }

    public static Spec caCert(String subject) {
        return new Spec().subject(subject).ca(null);
    }

    /** A self-signed root. */
    public static Issued root(String subject) {
        Spec spec = caCert(subject);
        return new Issued(spec.key, build(spec, new X500Name(subject), spec.key, spec.key.getPublic()));
    }

    /** A certificate issued by {@code issuer}. */
    public static Issued issue(Spec spec, Issued issuer) {
        return new Issued(spec.key, build(spec, X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded()),
                issuer.key, issuer.key.getPublic()));
    }

    /** A certificate whose issuer name is {@code issuerName} but which is signed by {@code signer}. */
    public static Issued forge(Spec spec, String issuerName, KeyPair signer) {
        return new Issued(spec.key, build(spec, new X500Name(issuerName), signer, signer.getPublic()));
    }

    /** Self-signed: issuer = subject, signed with its own key. */
    public static Issued selfSigned(Spec spec) {
        return new Issued(spec.key, build(spec, new X500Name(spec.subject), spec.key, spec.key.getPublic()));
    }

    private static X509Certificate build(Spec spec, X500Name issuer, KeyPair signer, PublicKey issuerKey) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(spec.notBefore), Date.from(spec.notAfter),
                    new X500Name(spec.subject), spec.key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, spec.ca
                    ? (spec.pathLength == null ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength))
                    : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            builder.addExtension(Extension.subjectKeyIdentifier, false, spec.subjectKeyId != null
                    ? new SubjectKeyIdentifier(spec.subjectKeyId) : utils.createSubjectKeyIdentifier(spec.key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
            if (spec.tnAuthList != null) {
                builder.addExtension(TNAuthList.OID, false, spec.tnAuthList.der());
            }
            for (var extension : spec.extra.entrySet()) {
                builder.addExtension(extension.getKey(), false, extension.getValue());
            }
            if (spec.crlDistributionPoint) {
                DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "https://sti-pa.example.test/crl"))),
                        null, new GeneralNames(new GeneralName(new X500Name(STI_PA_CRL_ISSUER))));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
