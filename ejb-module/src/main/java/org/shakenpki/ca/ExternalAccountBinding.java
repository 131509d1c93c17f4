package org.shakenpki.ca;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.text.ParseException;
import java.util.Map;

/**
 * The check of a newAccount's {@code externalAccountBinding} (RFC 8555 section 7.3.4): a flattened JWS whose
 * protected header has a MAC algorithm (this server: HS256), the EAB key identifier as {@code kid}, the newAccount
 * URL as {@code url} and no {@code nonce}, whose payload is the account key of the outer JWS, MACed with the key the
 * STI-CA gave the subscriber for that {@code kid}.
 *
 * <p>Refusals: {@code malformed} for a binding that is not such a JWS; {@code unauthorized} for an unknown
 * {@code kid}, a MAC that does not verify, another {@code url}, or a payload naming another key than the one the
 * request is signed with (a binding copied from someone else's request). Whether the key already bound another
 * account is for the caller, which holds the bindings ({@link AccountService}).
 */
public final class ExternalAccountBinding {

    /** The MAC keys of the EAB key identifiers, wherever they are kept. */
    public interface MacKeys {
        /** Whether the STI-CA issued this key identifier. */
        boolean known(String kid);

        /** Whether {@code mac} is the HMAC-SHA256 of {@code data} under the key of {@code kid}. */
        boolean verifies(String kid, byte[] data, byte[] mac);
    }

    private ExternalAccountBinding() {
    }

    /**
     * Verifies the binding.
     *
     * @param binding    the {@code externalAccountBinding} member of the newAccount payload
     * @param accountKey the key the outer JWS is signed with
     * @param newAccount the newAccount URL the request was sent to
     * @param macKeys    the MAC key of a {@code kid}, or null for an unknown one
     * @return the verified {@code kid}
     * @throws ProblemException MALFORMED or UNAUTHORIZED, as above
     */
    public static String verify(Object binding, JWK accountKey, String newAccount, MacKeys macKeys) {
        if (!(binding instanceof Map<?, ?> jws)) {
            throw malformed("externalAccountBinding must be a JWS in the flattened JSON serialization");
        }
        if (jws.containsKey("signatures") || jws.containsKey("header")) {
            throw malformed("externalAccountBinding must have one signature and only a protected header");
        }
        String protectedPart = member(jws, "protected");
        String payloadPart = member(jws, "payload");
        String signaturePart = member(jws, "signature");
        Map<String, Object> header;
        JWSObject object;
        try {
            header = JSONObjectUtils.parse(new Base64URL(protectedPart).decodeToString());
            object = new JWSObject(new Base64URL(protectedPart), new Base64URL(payloadPart), new Base64URL(signaturePart));
        } catch (ParseException | RuntimeException e) {
            throw malformed("externalAccountBinding is not a JWS: " + e.getMessage());
        }
        if (!JWSAlgorithm.HS256.getName().equals(header.get("alg"))) {
            throw malformed("externalAccountBinding must be MACed with HS256");
        }
        if (header.containsKey("nonce")) {
            throw malformed("externalAccountBinding must not have a nonce");
        }
        if (header.containsKey("b64") || header.containsKey("crit")) {
            throw malformed("externalAccountBinding must not use b64 or crit");
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
            throw malformed("externalAccountBinding must name the EAB key identifier as kid");
        }
        if (!(header.get("url") instanceof String url)) {
            throw malformed("externalAccountBinding must have the url of newAccount");
        }
        JWK boundKey;
        try {
            boundKey = JWK.parse(object.getPayload().toString());
        } catch (ParseException | RuntimeException e) {
            throw malformed("the externalAccountBinding payload must be the account key (a JWK)");
        }
        if (!macKeys.known(kid)) {
            throw unauthorized("no External Account Binding key " + kid);
        }
        if (!macKeys.verifies(kid, object.getSigningInput(), object.getSignature().decode())) {
            throw unauthorized("the externalAccountBinding MAC does not verify with the key of " + kid);
        }
        if (!url.equals(newAccount)) {
            throw unauthorized("the externalAccountBinding url must be the newAccount URL " + newAccount);
        }
        if (boundKey.isPrivate() || !Fingerprints.jwkThumbprintBase64Url(boundKey).equals(Fingerprints.jwkThumbprintBase64Url(accountKey))) {
            throw unauthorized("the externalAccountBinding binds another key than the one this request is signed with");
        }
        return kid;
    }

    private static String member(Map<?, ?> json, String name) {
        if (!(json.get(name) instanceof String value)) {
            throw malformed("externalAccountBinding must have a string " + name + " member");
        }
        return value;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail);
    }
}
