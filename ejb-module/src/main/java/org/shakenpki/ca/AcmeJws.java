package org.shakenpki.ca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.json.JsonLimits;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The request authentication of RFC 8555 section 6.2-6.4: one JWS in the flattened JSON serialization, with
 * only a protected header, an asymmetric algorithm, exactly one of {@code jwk} and {@code kid}, a
 * {@code nonce} and a {@code url}; then the signature. The nonce and the account behind a {@code kid} are
 * looked up by {@link AcmeGate}, which uses this class.
 *
 * <p>The body, the protected header and the payload each meet {@link JsonLimits} before Nimbus parses them, so a
 * deeply nested or oversized part is {@code malformed} whatever the parser underneath would do with it.
 */
public final class AcmeJws {
    /** The JWS algorithms accepted for account keys, as listed in {@code badSignatureAlgorithm}. */
    public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "RS256");

    /**
     * A structurally valid JWS, not yet verified.
     *
     * @param jws     the JWS, built from the received parts so that the signing input is exactly what was sent
     * @param payload the decoded payload text; empty for POST-as-GET
     * @param jwk     the embedded public key, or null when {@code kid} is used
     * @param kid     the account URL, or null when {@code jwk} is used
     * @param nonce   the {@code nonce} header
     * @param url     the {@code url} header
     */
    public record Parsed(JWSObject jws, String payload, JWK jwk, String kid, String nonce, String url) {
        /** Whether this is a POST-as-GET (RFC 8555 section 6.3): the payload is the empty string. */
        public boolean isPostAsGet() {
            return payload.isEmpty();
        }
    }

    private AcmeJws() {
    }

    /** Parses and checks the envelope; nothing is verified yet. */
    public static Parsed parse(String body) {
        Map<String, Object> json;
        JsonLimits.check(body);
        try {
            json = JSONObjectUtils.parse(body == null ? "" : body);
        } catch (ParseException e) {
            json = null;
        }
        // Nimbus 10.10 answers the JSON text null with null rather than an exception
        if (json == null) {
            throw malformed("the request body must be a JWS in the flattened JSON serialization");
        }
        if (json.containsKey("signatures")) {
            throw malformed("the JWS must have exactly one signature (flattened JSON serialization)");
        }
        if (json.containsKey("header")) {
            throw malformed("the JWS must not have an unprotected header");
        }
        String protectedPart = member(json, "protected");
        String payloadPart = member(json, "payload");
        String signaturePart = member(json, "signature");
        Map<String, Object> header;
        String headerText;
        try {
            headerText = new Base64URL(protectedPart).decodeToString();
        } catch (RuntimeException e) {
            throw malformed("the JWS protected header is not base64url JSON");
        }
        JsonLimits.check(headerText);
        try {
            header = JSONObjectUtils.parse(headerText);
        } catch (ParseException | RuntimeException e) {
            header = null;
        }
        if (header == null) {
            throw malformed("the JWS protected header is not base64url JSON");
        }
        Object alg = header.get("alg");
        if (!(alg instanceof String name) || !ALGORITHMS.contains(name)) {
            throw new ProblemException(ProblemType.BAD_SIGNATURE_ALGORITHM,
                    "the JWS algorithm must be one of " + ALGORITHMS, null, List.of(), Map.of("algorithms", ALGORITHMS));
        }
        if (header.containsKey("b64")) {
            throw malformed("unencoded payloads (b64) are not allowed");
        }
        boolean hasJwk = header.containsKey("jwk");
        boolean hasKid = header.containsKey("kid");
        if (hasJwk == hasKid) {
            throw malformed("the JWS protected header must contain exactly one of jwk and kid");
        }
        if (!(header.get("url") instanceof String url) || url.isEmpty()) {
            throw malformed("the JWS protected header must contain the url");
        }
        JWK jwk = hasJwk ? publicJwk(header.get("jwk")) : null;
        String kid = null;
        if (hasKid) {
            if (!(header.get("kid") instanceof String k) || k.isEmpty()) {
                throw malformed("kid must be the account URL");
            }
            kid = k;
        }
        Object nonce = header.get("nonce");
        JWSObject jws;
        String payload;
        try {
            jws = new JWSObject(new Base64URL(protectedPart), new Base64URL(payloadPart), new Base64URL(signaturePart));
            payload = payloadPart.isEmpty() ? "" : new Base64URL(payloadPart).decodeToString();
        } catch (ParseException | RuntimeException e) {
            throw malformed("the JWS cannot be parsed: " + e.getMessage());
        }
        return new Parsed(jws, payload, jwk, kid, nonce instanceof String n ? n : null, url);
    }

    /** RFC 8555 section 6.4: the {@code url} header must be the URL the request was sent to. */
    public static void requireUrl(Parsed parsed, String requestUrl) {
        if (!parsed.url().equals(requestUrl)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the JWS url header does not match the request URL");
        }
    }

    /** Verifies the signature with the given public key, which must fit the algorithm. */
    public static void verify(Parsed parsed, JWK key) {
        JWSAlgorithm alg = parsed.jws().getHeader().getAlgorithm();
        JWSVerifier verifier;
        try {
            if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg) && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                // kept in BouncyCastle's form per account key: an account signs every request of its orders
                verifier = SignatureVerification.ecdsa(SignatureVerification.prepared(
                        ec.getCurve().getName() + ":" + ec.getX() + ":" + ec.getY(), ec::toECPublicKey));
            } else if (key instanceof RSAKey rsa && JWSAlgorithm.RS256.equals(alg)) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw malformed("the key does not fit the JWS algorithm " + alg);
            }
            if (!parsed.jws().verify(verifier)) {
                throw malformed("the JWS signature does not verify");
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw malformed("the JWS signature cannot be verified");
        }
    }

    /** The payload as a JSON object; malformed unless it is one. */
    public static Map<String, Object> jsonPayload(Parsed parsed) {
        JsonLimits.check(parsed.payload());
        Map<String, Object> payload;
        try {
            payload = JSONObjectUtils.parse(parsed.payload());
        } catch (ParseException e) {
            payload = null;
        }
        if (payload == null) {
            throw malformed("the JWS payload must be a JSON object");
        }
        return payload;
    }

    /** Checks an account key: public, EC P-256/384/521 or RSA of at least 2048 bits. */
    public static JWK publicJwk(Object value) {
        JWK jwk;
        try {
            if (!(value instanceof Map<?, ?> map)) {
                throw new ParseException("not an object", 0);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            jwk = JWK.parse(object);
        } catch (ParseException | RuntimeException e) {
            throw new ProblemException(ProblemType.BAD_PUBLIC_KEY, "jwk is not a JSON Web Key");
        }
        if (jwk.isPrivate()) {
            throw new ProblemException(ProblemType.BAD_PUBLIC_KEY, "jwk must be a public key");
        }
        if (jwk instanceof ECKey ec && List.of(Curve.P_256, Curve.P_384, Curve.P_521).contains(ec.getCurve())) {
            return jwk.toPublicJWK();
        }
        if (jwk instanceof RSAKey rsa && rsa.size() >= 2048 && rsa.size() <= 8192) {
            return jwk.toPublicJWK();
        }
        throw new ProblemException(ProblemType.BAD_PUBLIC_KEY, "account keys must be EC P-256, P-384, P-521 or RSA of 2048 to 8192 bits");
    }

    /** The Java public key of an account JWK. */
    public static java.security.PublicKey publicJwkKey(JWK jwk) {
        try {
            if (jwk instanceof ECKey ec) {
                return ec.toPublicKey();
            }
            if (jwk instanceof RSAKey rsa) {
                return rsa.toPublicKey();
            }
        } catch (JOSEException e) {
            throw new ProblemException(ProblemType.BAD_PUBLIC_KEY, "the account key cannot be used");
        }
        throw new ProblemException(ProblemType.BAD_PUBLIC_KEY, "unsupported account key type");
    }

    private static String member(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof String s)) {
            throw malformed("the JWS must have a string " + name + " member");
        }
        return s;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }
}
