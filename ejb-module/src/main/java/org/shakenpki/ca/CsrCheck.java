package org.shakenpki.ca;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The checks on a finalize CSR (RFC 8555 section 7.4 and 11.1; RFC 9448 section 6 check 9): it is a DER
 * PKCS#10 request with a valid signature, its key is EC P-256 (ATIS-1000080 section 6.4.1), the key is no ACME
 * account's key (section 11.1: "the same as any account key"; the requesting account's own key may be allowed for
 * deployed clients, see docs/interop.md, another account's never), it requests exactly the order's TNAuthList,
 * and its basicConstraints cA equals the token's {@code ca}. Every refusal is {@code badCSR}.
 *
 * <p>Requested extensions are not copied into the certificate, whose content the profile fixes; they are therefore
 * not refused either. The exception is JWT Claim Constraints ({@link RequestedClaimConstraints}), checked and
 * copied. The subject is not copied either: what happens when it disagrees with the verified one is
 * {@link CsrSubject}'s setting.
 */
public final class CsrCheck {

    /**
     * What the CA takes from an accepted CSR; the requested subject only to compare it with the verified one
     * ({@link CsrSubject}), never to copy it.
     *
     * @param claimConstraints the JWT Claim Constraints it asked for ({@link RequestedClaimConstraints}), or null
     */
    public record Accepted(PublicKey publicKey, boolean ca, TNAuthList tnAuthList, X500Name requestedSubject,
                           JwtClaimConstraints claimConstraints) {
    }

    private CsrCheck() {
    }

    /**
     * @param der                 the CSR of the finalize request
     * @param identifier          the order's TNAuthList
     * @param tokenCa             the {@code atc.ca} of the token that validated the order's authorization
     * @param accountKey          the ACME account key
     * @param keyMustDiffer       whether the CSR key must differ from the account key (RFC 8555 section 11.1)
     * @param anyAccountKey       whether a key is the key of any registered ACME account
     */
    public static Accepted check(byte[] der, TNAuthList identifier, boolean tokenCa, PublicKey accountKey, boolean keyMustDiffer,
                                 Predicate<PublicKey> anyAccountKey) {
        JcaPKCS10CertificationRequest csr;
        try {
            csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der));
        } catch (Exception e) {
            throw bad("the CSR is not a DER PKCS#10 request");
        }
        var algorithm = csr.getSubjectPublicKeyInfo().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
            throw bad("the CSR key must be an EC P-256 key");
        }
        PublicKey key;
        try {
            key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(SignatureVerification.PROVIDER).build(key))) {
                throw bad("the CSR signature does not verify");
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw bad("the CSR signature cannot be verified");
        }
        boolean ownKey = Arrays.equals(key.getEncoded(), accountKey.getEncoded());
        if (keyMustDiffer && ownKey) {
            throw bad("the CSR key must not be the ACME account key");
        }
        if (!ownKey && anyAccountKey.test(key)) {
            throw bad("the CSR key is the key of another ACME account (RFC 8555 section 11.1)");
        }
        Extensions extensions = requestedExtensions(csr);
        Extension tnAuthList = extensions == null ? null : extensions.getExtension(TNAuthList.OID);
        if (tnAuthList == null) {
            throw bad("the CSR must request the TNAuthList extension");
        }
        TNAuthList requested;
        try {
            requested = TNAuthList.decode(ASN1OctetString.getInstance(tnAuthList.getExtnValue()).getOctets());
        } catch (IllegalArgumentException e) {
            throw bad("the CSR's TNAuthList extension is not a valid TNAuthorizationList");
        }
        if (!requested.equals(identifier)) {
            throw bad("the CSR's TNAuthList does not match the order's identifier");
        }
        BasicConstraints constraints = extensions.getExtension(Extension.basicConstraints) == null ? null
                : BasicConstraints.getInstance(extensions.getExtension(Extension.basicConstraints).getParsedValue());
        boolean csrCa = constraints != null && constraints.isCA();
        if (csrCa != tokenCa) {
            throw bad("the CSR's basicConstraints cA=" + csrCa + " does not match the token's ca=" + tokenCa);
        }
        return new Accepted(key, csrCa, requested, csr.getSubject(), RequestedClaimConstraints.of(extensions, csrCa));
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw bad("the CSR must carry one extensionRequest attribute");
        }
        try {
            return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
        } catch (IllegalArgumentException e) {
            throw bad("the CSR's extensionRequest is not a list of extensions");
        }
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(ProblemType.BAD_CSR, detail);
    }
}
