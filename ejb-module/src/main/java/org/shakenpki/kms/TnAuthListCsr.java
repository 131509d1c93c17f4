package org.shakenpki.kms;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.shakenpki.pkix.HsmContentSigner;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.sks.Signer;

import java.io.IOException;

/**
 * The CSR of a SHAKEN certificate (RFC 2986, with the extensionRequest attribute of RFC 2985 section 5.4.2):
 * subject CN "SHAKEN &lt;SPC&gt;" (ATIS-1000080 section 6.4.1; the STI-CA sets the final subject), and the
 * TNAuthList extension equal to the order's identifier (RFC 8555 section 7.4, RFC 9448 section 3), signed by
 * the new key on the HSM.
 */
final class TnAuthListCsr {
    private TnAuthListCsr() {
    }

    static byte[] build(String spc, TNAuthList identifier, Signer key) {
        return build(spc, identifier, key, false);
    }

    /**
     * With {@code ca}, the request of a delegate CA certificate (RFC 9060, RFC 9448 section 6: the CSR's
     * basicConstraints cA must match the token's {@code ca}): a critical basicConstraints cA=TRUE.
     */
    static byte[] build(String spc, TNAuthList identifier, Signer key, boolean ca) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "SHAKEN " + spc).build();
            Extension tnAuthList = new Extension(TNAuthList.OID, false, new DEROctetString(identifier.der()));
            Extensions extensions = ca
                    ? new Extensions(new Extension[] {tnAuthList, new Extension(Extension.basicConstraints, true,
                            new DEROctetString(new BasicConstraints(true)))})
                    : new Extensions(tnAuthList);
            return new PKCS10CertificationRequestBuilder(subject, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(new HsmContentSigner(key))
                    .getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CSR", e);
        }
    }
}
