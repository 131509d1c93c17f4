package org.shakenpki.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import org.shakenpki.sks.Signer;

import java.util.Set;

/**
 * A Nimbus {@link JWSSigner} for ES256 (RFC 7518 section 3.4) whose signature is made on the HSM by an SKS
 * {@link Signer}: the 64-byte R||S form JOSE requires, never the DER form JCA produces by default.
 */
public final class HsmJwsSigner implements JWSSigner {
    private final Signer signer;
    private final JCAContext context = new JCAContext();

    public HsmJwsSigner(Signer signer) {
        this.signer = signer;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("only ES256 is signed by HSM keys, not " + header.getAlgorithm());
        }
        try {
            return Base64URL.encode(signer.signRaw(signingInput));
        } catch (RuntimeException e) {
            throw new JOSEException("HSM signing failed for " + signer.keyId(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
