package org.shakenpki.it;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

/**
 * A hand-made ACME client for requests a correct client never sends (RFC 8555 section 6): it signs whatever
 * protected header it is given, so tests can send stale nonces, wrong URLs, unknown accounts, {@code alg: none}.
 */
public final class RawAcme {
    public static final String JOSE = "application/jose+json";
    private final String base;

    public RawAcme(String base) {
        this.base = base;
    }

    public String url(String path) {
        return base + "/acme/" + path;
    }

    public String nonce() throws Exception {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url("new-nonce"))).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        return response.headers().firstValue("Replay-Nonce").orElseThrow();
    }

    public static Map<String, Object> jwk(KeyPair key) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) key.getPublic()).build().toJSONObject();
    }

    /** A flattened JWS with this protected header (alg ES256 is added) and payload, signed by the key. */
    public static String sign(Map<String, Object> header, String payload, KeyPair key) throws Exception {
        Map<String, Object> full = new java.util.HashMap<>(header);
        full.put("alg", "ES256");
        JWSObject jws = new JWSObject(JWSHeader.parse(full), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return JSONObjectUtils.toJSONString(Map.of("protected", jws.getHeader().toBase64URL().toString(),
                "payload", payload.isEmpty() ? "" : Base64URL.encode(payload).toString(),
                "signature", jws.getSignature().toString()));
    }

    /** A JWS with any protected header, unchecked by the client, and a meaningless signature. */
    public static String forged(Map<String, Object> header, String payload) {
        return JSONObjectUtils.toJSONString(Map.of("protected", Base64URL.encode(JSONObjectUtils.toJSONString(header)).toString(),
                "payload", Base64URL.encode(payload).toString(), "signature", "AAAA"));
    }

    /** An unsigned JWS with {@code alg: none}. */
    public static String unsigned(Map<String, Object> header, String payload) {
        Map<String, Object> full = new java.util.HashMap<>(header);
        full.put("alg", "none");
        return JSONObjectUtils.toJSONString(Map.of("protected", Base64URL.encode(JSONObjectUtils.toJSONString(full)).toString(),
                "payload", Base64URL.encode(payload).toString(), "signature", ""));
    }

    public HttpResponse<String> post(String url, String jws) throws Exception {
        return Http.post(URI.create(url), JOSE, jws);
    }

    /** Creates an account for the key and returns its URL (the kid). */
    public String newAccount(KeyPair key) throws Exception {
        String url = url("new-account");
        HttpResponse<String> response = post(url, sign(Map.of("jwk", jwk(key), "nonce", nonce(), "url", url),
                "{\"termsOfServiceAgreed\":true}", key));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("newAccount failed: " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A keyChange request (RFC 8555 section 7.3.5): the outer JWS signed by the account's old key, the inner one
     * by the new key, naming the account and its old key.
     */
    public String keyChange(String kid, KeyPair oldKey, KeyPair newKey) throws Exception {
        String url = url("key-change");
        String inner = sign(Map.of("jwk", jwk(newKey), "url", url),
                JSONObjectUtils.toJSONString(Map.of("account", kid, "oldKey", jwk(oldKey))), newKey);
        return sign(Map.of("kid", kid, "nonce", nonce(), "url", url), inner, oldKey);
    }

    /** A kid-signed POST with a fresh nonce. */
    public HttpResponse<String> postAs(String kid, KeyPair key, String url, String payload) throws Exception {
        return post(url, sign(Map.of("kid", kid, "nonce", nonce(), "url", url), payload, key));
    }
}
