package org.shakenpki.ca;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWS rules of RFC 8555 section 6.2-6.4. */
class AcmeJwsTest {
    private static final String URL = "https://ca.example/acme/new-order";
    private final KeyPair key = Vectors.p256();
    private final JWK jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) key.getPublic()).build();

    @Test
    void acceptsAFlattenedEs256JwsWithJwkAndVerifiesIt() throws Exception {
        AcmeJws.Parsed parsed = AcmeJws.parse(signed(header("jwk", jwk.toJSONObject()), "{\"a\":1}"));
        assertEquals(jwk, parsed.jwk());
        assertEquals("n0nce", parsed.nonce());
        AcmeJws.requireUrl(parsed, URL);
        AcmeJws.verify(parsed, parsed.jwk());
        assertEquals(Map.of("a", 1L), AcmeJws.jsonPayload(parsed));
    }

    @Test
    void postAsGetHasAnEmptyPayload() throws Exception {
        AcmeJws.Parsed parsed = AcmeJws.parse(signed(header("kid", "https://ca.example/acme/acct/1"), ""));
        assertTrue(parsed.isPostAsGet());
        AcmeJws.verify(parsed, jwk);
    }

    @Test
    void acceptsRs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        RSAKey rsaJwk = new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).build();
        Map<String, Object> header = header("jwk", rsaJwk.toJSONObject());
        header.put("alg", "RS256");
        JWSObject jws = new JWSObject(JWSHeader.parse(header), new Payload("{}"));
        jws.sign(new RSASSASigner((RSAPrivateKey) rsa.getPrivate()));
        AcmeJws.Parsed parsed = AcmeJws.parse(flattened(jws.getHeader().toBase64URL().toString(), Base64URL.encode("{}").toString(), jws.getSignature().toString()));
        AcmeJws.verify(parsed, parsed.jwk());
    }

    @Test
    void refusesNoneMacAndUnknownAlgorithmsListingTheSupportedOnes() {
        for (String alg : List.of("none", "HS256", "ES256K", "")) {
            Map<String, Object> header = header("jwk", jwk.toJSONObject());
            header.put("alg", alg);
            String body = flattened(Base64URL.encode(JSONObjectUtils.toJSONString(header)).toString(), Base64URL.encode("{}").toString(), "");
            ProblemException e = assertThrows(ProblemException.class, () -> AcmeJws.parse(body), alg);
            assertEquals(ProblemType.BAD_SIGNATURE_ALGORITHM, e.type());
            assertEquals(AcmeJws.ALGORITHMS, e.extensions().get("algorithms"));
        }
    }

    @Test
    void refusesOtherSerializationsAndHeaders() throws Exception {
        String good = signed(header("jwk", jwk.toJSONObject()), "{}");
        Map<String, Object> json = JSONObjectUtils.parse(good);
        assertMalformed("not json");
        assertMalformed(good.replace("\"protected\"", "\"protectedX\""));
        Map<String, Object> general = new HashMap<>(json);
        general.put("signatures", List.of());
        assertMalformed(JSONObjectUtils.toJSONString(general));
        Map<String, Object> unprotected = new HashMap<>(json);
        unprotected.put("header", Map.of("kid", "x"));
        assertMalformed(JSONObjectUtils.toJSONString(unprotected));
        String[] compact = JWSObject.parse(compact(header("jwk", jwk.toJSONObject()), "{}")).serialize().split("\\.");
        assertMalformed(compact[0] + "." + compact[1] + "." + compact[2]);
    }

    @Test
    void needsExactlyOneOfJwkAndKidAndAUrl() throws Exception {
        Map<String, Object> both = header("jwk", jwk.toJSONObject());
        both.put("kid", "https://ca.example/acme/acct/1");
        assertMalformed(signed(both, "{}"));
        Map<String, Object> neither = header("kid", "x");
        neither.remove("kid");
        assertMalformed(signed(neither, "{}"));
        Map<String, Object> noUrl = header("jwk", jwk.toJSONObject());
        noUrl.remove("url");
        assertMalformed(signed(noUrl, "{}"));
    }

    @Test
    void aWrongUrlIsUnauthorized() throws Exception {
        AcmeJws.Parsed parsed = AcmeJws.parse(signed(header("jwk", jwk.toJSONObject()), "{}"));
        ProblemException e = assertThrows(ProblemException.class, () -> AcmeJws.requireUrl(parsed, "https://ca.example/acme/new-account"));
        assertEquals(ProblemType.UNAUTHORIZED, e.type());
    }

    @Test
    void aSignatureByAnotherKeyOrOverOtherBytesIsRefused() throws Exception {
        AcmeJws.Parsed parsed = AcmeJws.parse(signed(header("jwk", jwk.toJSONObject()), "{}"));
        JWK other = new ECKey.Builder(Curve.P_256, (ECPublicKey) Vectors.p256().getPublic()).build();
        assertEquals(ProblemType.MALFORMED, assertThrows(ProblemException.class, () -> AcmeJws.verify(parsed, other)).type());

        Map<String, Object> json = JSONObjectUtils.parse(signed(header("jwk", jwk.toJSONObject()), "{}"));
        json.put("payload", Base64URL.encode("{\"b\":2}").toString());
        AcmeJws.Parsed tampered = AcmeJws.parse(JSONObjectUtils.toJSONString(json));
        assertEquals(ProblemType.MALFORMED, assertThrows(ProblemException.class, () -> AcmeJws.verify(tampered, jwk)).type());
    }

    @Test
    void refusesPrivateAndWeakKeys() throws Exception {
        ECKey withPrivate = new ECKey.Builder(Curve.P_256, (ECPublicKey) key.getPublic()).privateKey((ECPrivateKey) key.getPrivate()).build();
        assertEquals(ProblemType.BAD_PUBLIC_KEY, assertThrows(ProblemException.class,
                () -> AcmeJws.parse(flattened(Base64URL.encode(JSONObjectUtils.toJSONString(header("jwk", withPrivate.toJSONObject()))).toString(),
                        Base64URL.encode("{}").toString(), "AAAA"))).type());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAKey weak = new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).build();
        assertEquals(ProblemType.BAD_PUBLIC_KEY, assertThrows(ProblemException.class,
                () -> AcmeJws.publicJwk(weak.toJSONObject())).type());
        assertEquals(ProblemType.BAD_PUBLIC_KEY, assertThrows(ProblemException.class,
                () -> AcmeJws.publicJwk(Map.of("kty", "oct", "k", "AAAA"))).type());
    }

    @Test
    void jsonNested5000DeepIsMalformedInTheBodyTheHeaderAndThePayload() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertTooDeep(() -> AcmeJws.parse(deep));
        assertTooDeep(() -> AcmeJws.parse("{\"protected\":" + deep + ",\"payload\":\"\",\"signature\":\"\"}"));
        String header = "{\"alg\":\"ES256\",\"kid\":\"k\",\"url\":\"" + URL + "\",\"x\":" + deep + "}";
        assertTooDeep(() -> AcmeJws.parse(flattened(Base64URL.encode(header).toString(), "", "AAAA")));
        AcmeJws.Parsed deepPayload = AcmeJws.parse(signed(header("kid", "https://ca.example/acme/acct/1"),
                "{\"identifiers\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}"));
        assertTooDeep(() -> AcmeJws.jsonPayload(deepPayload));
        // the keyChange inner JWS is the outer payload, parsed again
        assertTooDeep(() -> AcmeJws.parse(deepPayload.payload()));
    }

    @Test
    void theJsonTextNullIsMalformedInEveryPart() throws Exception {
        // Nimbus parses "null" to a null map rather than failing: each part must still be malformed, not an NPE
        assertMalformed("null");
        assertMalformed(flattened(Base64URL.encode("null").toString(), "", "AAAA"));
        AcmeJws.Parsed nullPayload = AcmeJws.parse(signed(header("kid", "https://ca.example/acme/acct/1"), "null"));
        assertEquals(ProblemType.MALFORMED, assertThrows(ProblemException.class, () -> AcmeJws.jsonPayload(nullPayload)).type());
        assertMalformed(nullPayload.payload());
    }

    private static void assertTooDeep(org.junit.jupiter.api.function.Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(ProblemType.MALFORMED, e.type());
        assertTrue(e.detail().contains("nested"), e.detail());
    }

    private static void assertMalformed(String body) {
        assertEquals(ProblemType.MALFORMED, assertThrows(ProblemException.class, () -> AcmeJws.parse(body), body).type());
    }

    private static Map<String, Object> header(String keyName, Object keyValue) {
        Map<String, Object> header = new HashMap<>();
        header.put("alg", "ES256");
        header.put(keyName, keyValue);
        header.put("nonce", "n0nce");
        header.put("url", URL);
        return header;
    }

    private String compact(Map<String, Object> header, String payload) throws Exception {
        JWSObject jws = new JWSObject(JWSHeader.parse(header), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jws.serialize();
    }

    private String signed(Map<String, Object> header, String payload) throws Exception {
        String[] parts = compact(header, payload).split("\\.", -1);
        return flattened(parts[0], payload.isEmpty() ? "" : parts[1], parts[2]);
    }

    private static String flattened(String protectedPart, String payload, String signature) {
        return JSONObjectUtils.toJSONString(Map.of("protected", protectedPart, "payload", payload, "signature", signature));
    }
}
