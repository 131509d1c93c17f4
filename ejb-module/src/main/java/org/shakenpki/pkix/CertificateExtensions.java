package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SHAKEN-relevant extensions of a certificate, decoded in one place. */
public final class CertificateExtensions {
    private CertificateExtensions() {
    }

    /**
     * The certificate's TNAuthList (RFC 8226 section 9), if it has one.
     *
     * @throws IllegalArgumentException if the extension is present but is not a DER TNAuthorizationList
     */
    public static Optional<TNAuthList> tnAuthList(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(TNAuthList.OID.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TNAuthList.decode(ASN1OctetString.getInstance(value).getOctets()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the TNAuthList is not a valid TNAuthorizationList", e);
        }
    }

    /** The cRLIssuer directory names of the certificate's CRL distribution points (ATIS-1000080 section 6.4.1). */
    public static List<X500Name> crlIssuers(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<X500Name> names = new ArrayList<>();
        if (value == null) {
            return names;
        }
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            if (point.getCRLIssuer() != null) {
                for (GeneralName name : point.getCRLIssuer().getNames()) {
                    if (name.getTagNo() == GeneralName.directoryName) {
                        names.add(X500Name.getInstance(name.getName()));
                    }
                }
            }
        }
        return names;
    }
}
