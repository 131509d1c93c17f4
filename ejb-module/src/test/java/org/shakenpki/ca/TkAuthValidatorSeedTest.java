package org.shakenpki.ca;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SPC token shape of ATIS-1000080's overview ({@code sub} array, {@code iat}, {@code nbf}, {@code exp},
 * {@code fingerprint} = base64url JWK thumbprint) in tkauth-01: accepted only when configured, its claims
 * checked before the x5u is fetched, its signer and signature as for RFC 9448 tokens.
 */
class TkAuthValidatorSeedTest {
    private static final URI X5U = URI.create("https://stipa.example.test/download/v1/certificate/signer.crt");
    private static final Instant NOW = Instant.parse("2025-01-15T00:00:00Z");
    private static final Clock JANUARY = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TNAuthList SPC_1234 = TNAuthList.ofSpc("1234");

    private final List<URI> fetched = new ArrayList<>();
    private List<X509Certificate> servedSigner = List.of(Vectors.certificate("stipa-signer.pem"));

    private TkAuthValidator validator(boolean acceptSeed) {
        Set<TrustAnchor> anchors = Set.of(new TrustAnchor(Vectors.certificate("stipa-root.pem"), null));
        return new TkAuthValidator(JANUARY, () -> anchors, uri -> {
            fetched.add(uri);
            return servedSigner;
        }, TkAuthValidator.SignerPolicy.open(), acceptSeed);
    }

    private TkAuthValidator.Result accept(Map<String, Object> claims) {
        return validator(true).validate(sign(claims), SPC_1234, Vectors.accountKey());
    }

    /** The refusal of a seed token whose claims decide, asserting that nothing was fetched. */
    private ProblemException refusedOnClaims(Map<String, Object> claims, TNAuthList identifier) {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> validator(true).validate(sign(claims), identifier, Vectors.accountKey()));
        assertTrue(fetched.isEmpty(), "fetched the x5u of a token refused on its claims: " + fetched);
        return refused;
    }

    @Test
    void aSeedTokenIsAcceptedWhenConfigured() {
        TkAuthValidator.Result result = accept(seed());
        assertEquals(TkAuthValidator.Shape.SEED, result.shape());
        assertEquals(Fingerprints.Form.JWK_THUMBPRINT, result.fingerprintForm());
        assertFalse(result.ca(), "the seed shape has no ca claim: never a delegate CA");
        assertNull(result.jti());
        assertEquals(List.of(X5U), fetched);
    }

    @Test
    void itsJtiIsKeptWhenItHasOne() {
        Map<String, Object> claims = seed();
        claims.put("jti", "seed-1");
        assertEquals("seed-1", accept(claims).jti());
    }

    @Test
    void aSeedTokenIsRefusedWhenNotConfiguredBeforeAnyFetch() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> validator(false).validate(sign(seed()), SPC_1234, Vectors.accountKey()));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refused.type());
        assertTrue(refused.getMessage().contains("seed"), refused.getMessage());
        assertTrue(fetched.isEmpty());
    }

    @Test
    void anRfc9448TokenIsStillAcceptedWhenSeedTokensAreOn() {
        TkAuthValidator.Result result = validator(true).validate(Vectors.text("spc-token.jwt"), SPC_1234, Vectors.accountKey());
        assertEquals(TkAuthValidator.Shape.ATC, result.shape());
    }

    @Test
    void anotherSpcInSubIsRefused() {
        Map<String, Object> claims = seed();
        claims.put("sub", List.of("9999"));
        ProblemException refused = refusedOnClaims(claims, SPC_1234);
        assertEquals(ProblemType.INCORRECT_RESPONSE, refused.type());
        assertTrue(refused.getMessage().contains("sub"), refused.getMessage());
    }

    @Test
    void severalSpcsInSubAreRefusedEvenIfOneIsTheOrders() {
        Map<String, Object> claims = seed();
        claims.put("sub", List.of("1234", "9999"));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(claims, SPC_1234).type());
    }

    @Test
    void subThatIsNotAnArrayOfOneStringIsRefused() {
        for (Object sub : List.of("1234", List.of(), List.of(1234), Map.of("spc", "1234"))) {
            Map<String, Object> claims = seed();
            claims.put("sub", sub);
            assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(claims, SPC_1234).type(), sub.toString());
        }
    }

    @Test
    void anIdentifierOfSeveralEntriesCannotBeAuthorizedByASeedToken() {
        TNAuthList two = TNAuthList.of(List.of(new TNAuthList.Spc("1234"), new TNAuthList.Spc("5678")));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(seed(), two).type());
    }

    @Test
    void anotherAccountsFingerprintIsRefused() {
        Map<String, Object> claims = seed();
        claims.put("fingerprint", Base64URL.encode(Fingerprints.jwkThumbprint(Vectors.p256().getPublic())).toString());
        ProblemException refused = refusedOnClaims(claims, SPC_1234);
        assertEquals(ProblemType.INCORRECT_RESPONSE, refused.type());
        assertTrue(refused.getMessage().contains("fingerprint"), refused.getMessage());
    }

    @Test
    void aTokenReplayedByAnotherAccountIsRefused() {
        PublicKey otherAccount = Vectors.p256().getPublic();
        ProblemException refused = assertThrows(ProblemException.class,
                () -> validator(true).validate(sign(seed()), SPC_1234, otherAccount));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refused.type());
        assertTrue(fetched.isEmpty());
    }

    @Test
    void onlyTheBase64UrlJwkThumbprintIsTheSeedFingerprint() {
        PublicKey key = Vectors.accountKey();
        List<String> others = List.of(
                Fingerprints.format(Fingerprints.jwkThumbprint(key)),
                Base64URL.encode(Fingerprints.spkiSha256(key)).toString(),
                Base64URL.encode(Fingerprints.jwkThumbprint(key)).toString() + "=",
                java.util.Base64.getEncoder().encodeToString(Fingerprints.jwkThumbprint(key)));
        for (String fingerprint : others) {
            Map<String, Object> claims = seed();
            claims.put("fingerprint", fingerprint);
            assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(claims, SPC_1234).type(), fingerprint);
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, Object> claims = seed();
        claims.put("exp", NOW.getEpochSecond());
        ProblemException refused = refusedOnClaims(claims, SPC_1234);
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
        assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
    }

    @Test
    void aTokenWhoseNbfIsInTheFutureIsRefused() {
        Map<String, Object> claims = seed();
        claims.put("nbf", NOW.getEpochSecond() + 60);
        ProblemException refused = refusedOnClaims(claims, SPC_1234);
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
        assertTrue(refused.getMessage().contains("nbf"), refused.getMessage());
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Map<String, Object> claims = seed();
        claims.put("iat", NOW.getEpochSecond() + 60);
        assertEquals(ProblemType.UNAUTHORIZED, refusedOnClaims(claims, SPC_1234).type());
    }

    @Test
    void everyTimeClaimIsRequiredAsANumericDate() {
        for (String name : List.of("iat", "nbf", "exp")) {
            Map<String, Object> missing = seed();
            missing.remove(name);
            assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(missing, SPC_1234).type(), name);
            Map<String, Object> text = seed();
            text.put(name, "2025-01-01T00:00:00Z");
            assertEquals(ProblemType.INCORRECT_RESPONSE, refusedOnClaims(text, SPC_1234).type(), name);
        }
    }

    @Test
    void aForgedSeedTokenIsRefusedOnItsSignature() throws Exception {
        JWSObject wrongKey = new JWSObject(header(), new Payload(seed()));
        wrongKey.sign(new ECDSASigner((ECPrivateKey) Vectors.p256().getPrivate()));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> validator(true).validate(wrongKey.serialize(), SPC_1234, Vectors.accountKey()));
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());
    }

    @Test
    void aSeedTokenSignedByTheCrlSignerIsRefused() {
        servedSigner = List.of(Vectors.certificate("stipa-crl-signer.pem"));
        ProblemException refused = assertThrows(ProblemException.class, () -> accept(seed()));
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
        assertTrue(refused.getMessage().contains("SPC-token signer"), refused.getMessage());
    }

    private static Map<String, Object> seed() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", List.of("1234"));
        claims.put("iat", NOW.getEpochSecond() - 3600);
        claims.put("nbf", NOW.getEpochSecond() - 3600);
        claims.put("exp", NOW.getEpochSecond() + 3600);
        claims.put("fingerprint", Base64URL.encode(Fingerprints.jwkThumbprint(Vectors.accountKey())).toString());
        return claims;
    }

    private static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).x509CertURL(X5U).build();
    }

    private static String sign(Map<String, Object> claims) {
        try {
            JWSObject jws = new JWSObject(header(), new Payload(claims));
            jws.sign(new ECDSASigner((ECPrivateKey) Vectors.privateKey("stipa-signer.key")));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
