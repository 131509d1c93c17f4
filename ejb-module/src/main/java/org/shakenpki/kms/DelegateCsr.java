package org.shakenpki.kms;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.PublicKey;

/**
 * The enterprise's or reseller's CSR for a delegate end-entity certificate (RFC 2986): only its key is used, after
 * checking that it is EC P-256 (ATIS-1000080 section 6.4.1) and that the CSR's signature proves possession of it.
 * Subject and requested extensions are not copied: the delegate CA sets the content ({@link DelegateLeafProfile}).
 * Every refusal is {@code badCSR} (RFC 8555 section 6.7, the type this project uses for a refused CSR).
 */
final class DelegateCsr {
    private DelegateCsr() {
    }

    static PublicKey publicKey(byte[] der) {
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
        try {
            PublicKey key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(SignatureVerification.PROVIDER).build(key))) {
                throw bad("the CSR signature does not verify");
            }
            return key;
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw bad("the CSR signature cannot be verified");
        }
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(ProblemType.BAD_CSR, detail);
    }
}
