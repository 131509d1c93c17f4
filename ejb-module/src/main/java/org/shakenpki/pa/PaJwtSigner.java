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

    /** The x5u of the token signer in use: its certificate followed by the STI-PA root, as PEM. */
    public String signerUrl() {
        return url(keys.certificate(PaCertificate.Purpose.TOKEN_SIGNER));
    }

    /** The x5u of a published token-signer certificate. */
    String url(X509Certificate signer) {
        return settings.publicUrl() + "/download/v1/certificate/" + PaKeys.downloadName(signer);
    }

    /**
     * A compact JWS over the claims, in the order the map gives them; its x5u names the certificate of the key that
     * signs it (read together, so a rollover activated meanwhile cannot pair one key with the other's x5u).
     */
    public String sign(Map<String, Object> claims) {
        PaKeys.InUse signer = keys.inUse(PaCertificate.Purpose.TOKEN_SIGNER);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .x509CertURL(URI.create(url(signer.certificate())))
                .build();
        JWSObject jws = new JWSObject(header, new Payload(claims));
        try {
            jws.sign(new HsmJwsSigner(signer.signer()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an STI-PA JWT failed", e);
        }
        return jws.serialize();
    }
}
