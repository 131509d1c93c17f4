package org.shakenpki.pa;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.shakenpki.jose.HsmJwsSigner;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * Signs the STI-PA's JWTs (SPC tokens and the trust list) with the token-signer key on the HSM:
 * header {@code {"alg":"ES256","typ":"JWT","x5u":...}} as RFC 9448 section 5 and the deployed STI-PA do,
 * where {@code x5u} is the stable https URL of the signer certificate (RFC 7515 section 4.1.5).
 */
@Stateless
public class PaJwtSigner {

    @EJB
    PaKeys keys;

    @Inject
    PaSettings settings;

    /** The x5u of the token signer: its certificate followed by the STI-PA root, as PEM. */
    public String signerUrl() {
        X509Certificate signer = keys.certificate(PaCertificate.Purpose.TOKEN_SIGNER);
        return settings.publicUrl() + "/download/v1/certificate/" + PaKeys.downloadName(signer);
    }

    /** A compact JWS over the claims, in the order the map gives them. */
    public String sign(Map<String, Object> claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .x509CertURL(URI.create(signerUrl()))
                .build();
        JWSObject jws = new JWSObject(header, new Payload(claims));
        try {
            jws.sign(new HsmJwsSigner(keys.signer(PaCertificate.Purpose.TOKEN_SIGNER)));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an STI-PA JWT failed", e);
        }
        return jws.serialize();
    }
}
