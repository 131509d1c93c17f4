package org.shakenpki.stir;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.JSONStringUtils;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shakenpki.jose.HsmJwsSigner;

import java.net.URI;

/**
 * The STI-AS (ATIS-1000074, RFC 8224 section 5, RFC 8225, RFC 8588): signs a SHAKEN PASSporT with the SP-KMS's
 * current key on the HSM and returns the SIP Identity header value.
 *
 * <p>Header {@code {"alg":"ES256","typ":"passport","ppt":"shaken","x5u":<STI-CR URL>}}; claims in lexicographic
 * order (RFC 8588 section 8, RFC 8225 section 9): {@code attest, dest, iat, orig, origid}, {@code iat} a
 * NumericDate integer. The full form is returned, as ATIS-1000074 section 5.3.3 requires:
 * {@code <header>.<payload>.<signature>;info=<x5u>;alg=ES256;ppt=shaken} (RFC 8224 section 4.1).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PassportSigner {

    @EJB
    SigningCredentials credentials;

    /** Signs with the configured SPC's (or the one) current credential. */
    public String sign(SigningRequest request) {
        return sign(request, credentials.current());
    }

    /** Signs with the current credential of a given SPC. */
    public String sign(SigningRequest request, String spc) {
        return sign(request, credentials.current(spc));
    }

    private String sign(SigningRequest request, SigningCredentials.Current current) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("passport"))
                .customParam("ppt", "shaken")
                .x509CertURL(URI.create(current.x5u()))
                .build();
        JWSObject passport = new JWSObject(header, new Payload(claims(request)));
        try {
            passport.sign(new HsmJwsSigner(current.signer()));
        } catch (JOSEException e) {
            throw new IllegalStateException("PASSporT signing failed", e);
        }
        return passport.serialize() + ";info=<" + current.x5u() + ">;alg=ES256;ppt=shaken";
    }

    /** The claims as JSON, written in lexicographic key order with no whitespace. */
    static String claims(SigningRequest request) {
        StringBuilder dest = new StringBuilder();
        for (String tn : request.dest()) {
            dest.append(dest.length() == 0 ? "" : ",").append(JSONStringUtils.toJSONString(tn));
        }
        return "{\"attest\":" + JSONStringUtils.toJSONString(request.attest())
                + ",\"dest\":{\"tn\":[" + dest + "]}"
                + ",\"iat\":" + request.iat()
                + ",\"orig\":{\"tn\":" + JSONStringUtils.toJSONString(request.orig()) + "}"
                + ",\"origid\":" + JSONStringUtils.toJSONString(request.origid()) + "}";
    }
}
