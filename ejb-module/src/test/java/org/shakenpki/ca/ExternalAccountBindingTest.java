package org.shakenpki.ca;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shredzone.acme4j.toolbox.JoseUtils;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The External Account Binding check of RFC 8555 section 7.3.4, against forgeries of each part. */
class ExternalAccountBindingTest {
    private static final String NEW_ACCOUNT = "https://ca.example/acme/new-account";
    private static final String KID = "kid-1";
    private static final byte[] MAC_KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The STI-CA's keys: one, KID's; the MAC as the token computes it (HMAC-SHA256, constant-time comparison). */
    private static final ExternalAccountBinding.MacKeys KEYS = new ExternalAccountBinding.MacKeys() {
        @Override
        public boolean known(String kid) {
            return KID.equals(kid);
        }

        @Override
        public boolean verifies(String kid, byte[] data, byte[] mac) {
            try {
                javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(MAC_KEY, "HmacSHA256"));
                return java.security.MessageDigest.isEqual(hmac.doFinal(data), mac);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private final JWK accountKey = jwk();

    @Test
    void acceptsTheBindingAcme4jMakes() throws Exception {
        Map<String, Object> binding = JoseUtils.createExternalAccountBinding(KID, accountKey.toECKey().toPublicKey(),
                new SecretKeySpec(MAC_KEY, "HmacSHA256"), "HS256", URI.create(NEW_ACCOUNT).toURL());
        assertEquals(KID, ExternalAccountBinding.verify(binding, accountKey, NEW_ACCOUNT, KEYS));
    }

    @Test
    void acceptsAHandMadeBinding() {
        assertEquals(KID, ExternalAccountBinding.verify(binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY),
                accountKey, NEW_ACCOUNT, KEYS));
    }

    @Test
    void refusesAWrongHmac() {
        byte[] other = MAC_KEY.clone();
        other[0] ^= 1;
        assertRefused(ProblemType.UNAUTHORIZED, "MAC does not verify",
                binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), other), accountKey);
    }

    @Test
    void refusesAnUnknownKid() {
        assertRefused(ProblemType.UNAUTHORIZED, "no External Account Binding key kid-2",
                binding(header("kid-2", NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY), accountKey);
    }

    @Test
    void refusesAnotherUrl() {
        assertRefused(ProblemType.UNAUTHORIZED, "url must be the newAccount URL",
                binding(header(KID, "https://ca.example/acme/new-order"), accountKey.toJSONString(), MAC_KEY), accountKey);
    }

    @Test
    void refusesABindingOfAnotherKey() {
        // an attacker replays the subscriber's binding (of the subscriber's key) in a request signed with its own key
        Map<String, Object> stolen = binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY);
        assertRefused(ProblemType.UNAUTHORIZED, "binds another key", stolen, jwk());
    }

    @Test
    void refusesANonMacAlgorithm() {
        JWSHeader es256 = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KID).customParam("url", NEW_ACCOUNT).build();
        Map<String, Object> binding = binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY);
        binding.put("protected", es256.toBase64URL().toString());
        assertRefused(ProblemType.MALFORMED, "HS256", binding, accountKey);
    }

    @Test
    void refusesANonce() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).customParam("url", NEW_ACCOUNT)
                .customParam("nonce", "n0nce").build();
        assertRefused(ProblemType.MALFORMED, "nonce", binding(header, accountKey.toJSONString(), MAC_KEY), accountKey);
    }

    @Test
    void refusesMalformedBindings() {
        assertRefused(ProblemType.MALFORMED, "flattened JSON", "eyJhbGciOi", accountKey);
        Map<String, Object> noSignature = binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY);
        noSignature.remove("signature");
        assertRefused(ProblemType.MALFORMED, "signature", noSignature, accountKey);
        Map<String, Object> notJson = binding(header(KID, NEW_ACCOUNT), accountKey.toJSONString(), MAC_KEY);
        notJson.put("protected", Base64URL.encode("not json").toString());
        assertRefused(ProblemType.MALFORMED, "not a JWS", notJson, accountKey);
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.HS256).customParam("url", NEW_ACCOUNT).build();
        assertRefused(ProblemType.MALFORMED, "kid", binding(noKid, accountKey.toJSONString(), MAC_KEY), accountKey);
        assertRefused(ProblemType.MALFORMED, "payload must be the account key",
                binding(header(KID, NEW_ACCOUNT), "{\"a\":1}", MAC_KEY), accountKey);
    }

    private void assertRefused(ProblemType type, String detail, Object binding, JWK key) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ExternalAccountBinding.verify(binding, key, NEW_ACCOUNT, KEYS));
        assertEquals(type, e.type());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    private static JWSHeader header(String kid, String url) {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).customParam("url", url).build();
    }

    private static Map<String, Object> binding(JWSHeader header, String payload, byte[] macKey) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(new MACSigner(macKey));
            Map<String, Object> json = new HashMap<>();
            json.put("protected", jws.getHeader().toBase64URL().toString());
            json.put("payload", jws.getPayload().toBase64URL().toString());
            json.put("signature", jws.getSignature().toString());
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK jwk() {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) Vectors.p256().getPublic()).build();
    }
}
