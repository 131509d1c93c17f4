package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.TNAuthList;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

/**
 * The to-be-signed certificates of the SHAKEN hierarchy (ATIS-1000080 v005 section 6.4.1): root, intermediate,
 * end-entity and delegate CA. Only the fields the profile allows, and nothing else; the result still goes
 * through {@link ShakenProfile} before the HSM signs it.
 */
public final class CertificateProfiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the STI-PA CRL is, for the CRL distribution point of everything below the root. */
    public record CrlPoint(String url, String issuerDn) {
    }

    private CertificateProfiles() {
    }

    /** A serial of 127 bits from a CSPRNG, positive and at least 64 bits long (CA/B Forum, CP v1.4). */
    public static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, RANDOM);
        } while (serial.bitLength() < 64);
        return serial;
    }

    public static X500Name name(String c, String o, String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, c).addRDN(BCStyle.O, o).addRDN(BCStyle.CN, cn).build();
    }

    /**
     * A subscriber's subject in the order of ATIS-1000080's example ({@code C, ST, L, O, OU, CN}); null
     * attributes are left out.
     */
    public static X500Name name(String c, String st, String l, String o, String ou, String cn) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (c != null) {
            builder.addRDN(BCStyle.C, c);
        }
        if (st != null) {
            builder.addRDN(BCStyle.ST, st);
        }
        if (l != null) {
            builder.addRDN(BCStyle.L, l);
        }
        builder.addRDN(BCStyle.O, o);
        if (ou != null) {
            builder.addRDN(BCStyle.OU, ou);
        }
        return builder.addRDN(BCStyle.CN, cn).build();
    }

    public static TBSCertificate root(X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
        X509v3CertificateBuilder builder = builder(subject, subject, key, notBefore, notAfter);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        add(builder, Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(key));
        return CertificateSigning.toBeSigned(builder);
    }

    public static TBSCertificate intermediate(X500Name issuer, PublicKey issuerKey, X500Name subject, PublicKey key,
                                              Instant notBefore, Instant notAfter, CrlPoint crl) {
        X509v3CertificateBuilder builder = builder(issuer, subject, key, notBefore, notAfter);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        belowRoot(builder, issuerKey, key, crl);
        return CertificateSigning.toBeSigned(builder);
    }

    /**
     * An STI end-entity certificate ({@code ca=false}) or, when the SPC token allowed it, a delegate CA
     * certificate ({@code ca=true}, ATIS-1000092 / RFC 9060: cA with pathLen 0, keyCertSign, the TNAuthList it
     * may delegate from).
     */
    public static TBSCertificate subscriber(X500Name issuer, PublicKey issuerKey, X500Name subject, PublicKey key,
                                            Instant notBefore, Instant notAfter, CrlPoint crl, TNAuthList tnAuthList,
                                            boolean ca) {
        return subscriber(issuer, issuerKey, subject, key, notBefore, notAfter, crl, tnAuthList, ca, null);
    }

    /**
     * The same, with the JWT Claim Constraints the subscriber asked for (RFC 8226 section 8, RFC 9118 section 3;
     * non-critical), or none when null.
     */
    public static TBSCertificate subscriber(X500Name issuer, PublicKey issuerKey, X500Name subject, PublicKey key,
                                            Instant notBefore, Instant notAfter, CrlPoint crl, TNAuthList tnAuthList,
                                            boolean ca, org.shakenpki.pkix.JwtClaimConstraints claimConstraints) {
        X509v3CertificateBuilder builder = builder(issuer, subject, key, notBefore, notAfter);
        add(builder, Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
        belowRoot(builder, issuerKey, key, crl);
        try {
            builder.addExtension(TNAuthList.OID, false, tnAuthList.der());
            if (claimConstraints != null) {
                builder.addExtension(claimConstraints.oid(), false, claimConstraints.der());
            }
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return CertificateSigning.toBeSigned(builder);
    }

    private static void belowRoot(X509v3CertificateBuilder builder, PublicKey issuerKey, PublicKey key, CrlPoint crl) {
        add(builder, Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(key));
        add(builder, Extension.authorityKeyIdentifier, false, utils().createAuthorityKeyIdentifier(issuerKey));
        add(builder, Extension.certificatePolicies, false,
                new CertificatePolicies(new PolicyInformation(ShakenProfile.SHAKEN_CP_1_4)));
        DistributionPoint point = new DistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crl.url()))),
                null,
                new GeneralNames(new GeneralName(new X500Name(crl.issuerDn()))));
        add(builder, Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
        return new X509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter), subject,
                SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    private static void add(X509v3CertificateBuilder builder, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical,
                            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509ExtensionUtils utils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
