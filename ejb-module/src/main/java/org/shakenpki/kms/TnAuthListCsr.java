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
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.sks.Signer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSR of a SHAKEN certificate (RFC 2986, with the extensionRequest attribute of RFC 2985 section 5.4.2):
 * subject CN "SHAKEN &lt;SPC&gt;" (ATIS-1000080 section 6.4.1; the STI-CA sets the final subject), and the
 * TNAuthList extension equal to the order's identifier (RFC 8555 section 7.4, RFC 9448 section 3), signed by
 * the new key on the HSM; and, when the credential asks for them, its JWT Claim Constraints.
 */
final class TnAuthListCsr {
    private TnAuthListCsr() {
    }

    static byte[] build(String spc, TNAuthList identifier, Signer key) {
        return build(spc, identifier, key, null);
    }

    /** The same, requesting JWT Claim Constraints too (RFC 8226 section 8, RFC 9118 section 3; null: none). */
    static byte[] build(String spc, TNAuthList identifier, Signer key, JwtClaimConstraints claimConstraints) {
        return build(spc, identifier, key, false, claimConstraints);
    }

    /**
     * The request of a delegate CA certificate (RFC 9060, RFC 9448 section 6: the CSR's basicConstraints cA must
     * match the token's {@code ca}): a critical basicConstraints cA=TRUE. A CA request carries no claim
     * constraints (RFC 9118 section 3 defines them for end-entity certificates).
     */
    static byte[] buildCa(String spc, TNAuthList identifier, Signer key) {
        return build(spc, identifier, key, true, null);
    }

    private static byte[] build(String spc, TNAuthList identifier, Signer key, boolean ca, JwtClaimConstraints claimConstraints) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "SHAKEN " + spc).build();
            List<Extension> requested = new ArrayList<>();
            requested.add(new Extension(TNAuthList.OID, false, new DEROctetString(identifier.der())));
            if (ca) {
                requested.add(new Extension(Extension.basicConstraints, true, new DEROctetString(new BasicConstraints(true))));
            }
            if (claimConstraints != null) {
                requested.add(new Extension(claimConstraints.oid(), false, new DEROctetString(claimConstraints.der())));
            }
            Extensions extensions = new Extensions(requested.toArray(new Extension[0]));
            return new PKCS10CertificationRequestBuilder(subject, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(new HsmContentSigner(key))
                    .getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CSR", e);
        }
    }
}
