package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * Key identifiers (RFC 5280 sections 4.2.1.1, 4.2.1.2 and 5.2.1): which of several published signer certificates
 * signed a CRL. During a key rollover the STI-PA publishes more than one CRL signer with the same name; the CRL's
 * authorityKeyIdentifier tells them apart.
 */
public final class KeyIdentifiers {
    private KeyIdentifiers() {
    }

    /** The keyIdentifier of a DER CRL's authorityKeyIdentifier, if it has one. */
    public static Optional<byte[]> crlAuthorityKeyId(byte[] crlDer) {
        try {
            return crlAuthorityKeyId(new X509CRLHolder(crlDer));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The keyIdentifier of a CRL's authorityKeyIdentifier, if it has one. */
    public static Optional<byte[]> crlAuthorityKeyId(X509CRLHolder crl) {
        Extension extension = crl.getExtension(Extension.authorityKeyIdentifier);
        if (extension == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(AuthorityKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifierOctets());
    }

    /** The subjectKeyIdentifier of a certificate, if it has one. */
    public static Optional<byte[]> subjectKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a certificate's subjectKeyIdentifier is this key identifier. */
    public static boolean hasKeyId(X509Certificate certificate, byte[] keyId) {
        return subjectKeyId(certificate).map(ski -> Arrays.equals(ski, keyId)).orElse(false);
    }
}
