package org.shakenpki.kms;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/**
 * The to-be-signed end-entity certificate a delegate CA issues (RFC 9060 section 4, ATIS-1000092; the STI end-entity
 * profile of ATIS-1000080 section 6.4.1 with a TNAuthList of numbers and ranges): subject {@code C, O, CN="SHAKEN
 * delegate <first number>"}, basicConstraints cA=FALSE and keyUsage digitalSignature (both critical), key
 * identifiers, the SHAKEN certificate policy, and the delegate CA's own CRL distribution point with its cRLIssuer,
 * copied unchanged: the end-entity is revoked on the same STI-PA CRL as every SHAKEN certificate. It still goes
 * through {@link ShakenProfile.Kind#DELEGATE_END_ENTITY} before the HSM signs it.
 */
final class DelegateLeafProfile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DelegateLeafProfile() {
    }

    static TBSCertificate tbs(X509Certificate delegateCa, String country, String holder, PublicKey key, Instant notBefore,
                              Instant notAfter, TNAuthList tnAuthList) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country).addRDN(BCStyle.O, holder)
                .addRDN(BCStyle.CN, "SHAKEN delegate " + firstNumber(tnAuthList)).build();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                X500Name.getInstance(delegateCa.getSubjectX500Principal().getEncoded()), serial(), Date.from(notBefore),
                Date.from(notAfter), subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
            add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            add(builder, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            add(builder, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(delegateCa.getPublicKey()));
            add(builder, Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(ShakenProfile.SHAKEN_CP_1_4)));
            byte[] crlPoints = delegateCa.getExtensionValue(Extension.cRLDistributionPoints.getId());
            if (crlPoints != null) {
                add(builder, Extension.cRLDistributionPoints, false,
                        CRLDistPoint.getInstance(ASN1OctetString.getInstance(crlPoints).getOctets()));
            }
            builder.addExtension(TNAuthList.OID, false, tnAuthList.der());
        } catch (NoSuchAlgorithmException | CertIOException e) {
            throw new IllegalStateException(e);
        }
        return CertificateSigning.toBeSigned(builder);
    }

    private static String firstNumber(TNAuthList list) {
        TNAuthList.Entry first = list.entries().get(0);
        if (first instanceof TNAuthList.Range range) {
            return range.start();
        }
        return first instanceof TNAuthList.One one ? one.number() : "";
    }

    /** 127 random bits, at least 64 long (as the STI-CA's serials, CP v1.4). */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, RANDOM);
        } while (serial.bitLength() < 64);
        return serial;
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value)
            throws CertIOException {
        builder.addExtension(oid, critical, value);
    }
}
