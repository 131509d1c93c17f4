package org.shakenpki.ca;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nine checks of RFC 9448 section 6 (1-8 here; 9 in {@link CsrCheckTest}) on the synthetic vectors. */
class TkAuthValidatorTest {
    private static final URI X5U = URI.create("https://stipa.example.test/download/v1/certificate/signer.crt");
    private static final Clock JANUARY = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);
    private static final TNAuthList SPC_1234 = TNAuthList.ofSpc("1234");

    private final List<URI> fetched = new ArrayList<>();
    private Set<TrustAnchor> anchors = Set.of(new TrustAnchor(Vectors.certificate("stipa-root.pem"), null));

    private List<String> prefixes = List.of();
    private Set<String> pins = Set.of();
    private List<java.security.cert.X509Certificate> servedSigner = List.of(Vectors.certificate("stipa-signer.pem"));

    private TkAuthValidator validator(Clock clock) {
        return new TkAuthValidator(clock, () -> anchors, uri -> {
            fetched.add(uri);
            if (!uri.equals(X5U)) {
                throw new ProblemException(ProblemType.CONNECTION, "not found");
            }
            return servedSigner;
        }, new TkAuthValidator.SignerPolicy(prefixes, pins));
    }

    private TkAuthValidator.Result validate(String token) {
        return validator(JANUARY).validate(token, SPC_1234, Vectors.accountKey());
    }

    private static ProblemType refusal(Runnable check) {
        return assertThrows(ProblemException.class, check::run).type();
    }

    @Test
    void acceptsTheStiPaTokenWithItsSpkiFingerprintAndPaddedTkvalue() {
        TkAuthValidator.Result result = validate(Vectors.text("spc-token.jwt"));
        assertEquals(Fingerprints.Form.SPKI_SHA256, result.fingerprintForm());
        assertEquals("5a0b2c9e-1f4e-4a53-9a3c-0d6b7e8f9a10", result.jti());
        assertFalse(result.ca());
        assertEquals(List.of(X5U), fetched);
    }

    @Test
    void acceptsTheRfcFormsTooJwkThumbprintAndBase64UrlAndCaTrue() throws Exception {
        Map<String, Object> atc = atc();
        atc.put("tkvalue", SPC_1234.toBase64Url());
        atc.put("fingerprint", Fingerprints.format(Fingerprints.jwkThumbprint(Vectors.accountKey())));
        atc.put("ca", true);
        TkAuthValidator.Result result = validate(sign(header(), claims(atc)));
        assertEquals(Fingerprints.Form.JWK_THUMBPRINT, result.fingerprintForm());
        assertTrue(result.ca());
    }

    @Test
    void check1RefusesAMalformedAtc() throws Exception {
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate("not.a.jwt")));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(),
                new JWTClaimsSet.Builder().expirationTime(new Date(1738281600000L)).jwtID("j").build()))));
        for (String key : List.of("tktype", "tkvalue", "fingerprint")) {
            Map<String, Object> atc = atc();
            atc.remove(key);
            assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(atc)))), key);
        }
        Map<String, Object> atc = atc();
        atc.put("ca", "yes");
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(atc)))));
        assertTrue(fetched.isEmpty(), "a malformed token must be refused before any fetch");
    }

    @Test
    void check2RefusesAnX5uThatIsNotHttpsOrDoesNotChainToAnAnchor() throws Exception {
        JWSHeader http = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertURL(URI.create("http://stipa.example.test/download/v1/certificate/signer.crt")).build();
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(signUnchecked(http, claims(atc())))));
        assertTrue(fetched.isEmpty(), "an http x5u must not be fetched");

        JWSHeader none = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build();
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(signUnchecked(none, claims(atc())))));

        anchors = Set.of(new TrustAnchor(Vectors.certificate("ca-root.pem"), null));
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(Vectors.text("spc-token.jwt"))));
        anchors = Set.of();
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(Vectors.text("spc-token.jwt"))));
    }

    @Test
    void claimsThatCouldNeverPassAreRefusedBeforeTheX5uIsFetched() throws Exception {
        Map<String, Object> otherSpc = atc();
        otherSpc.put("tkvalue", TNAuthList.ofSpc("9999").toBase64Url());
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(otherSpc)))));
        Map<String, Object> otherKey = atc();
        otherKey.put("fingerprint", "SHA256 " + "00:".repeat(31) + "00");
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(otherKey)))));
        Clock later = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(ProblemException.class,
                () -> validator(later).validate(Vectors.text("spc-token.jwt"), SPC_1234, Vectors.accountKey())).type());
        assertTrue(fetched.isEmpty(), "fetched the x5u of a token refused on its claims: " + fetched);
    }

    @Test
    void aTokenReplayedByAnotherAccountIsRefusedBeforeAnyFetch() {
        java.security.PublicKey otherAccount = Vectors.p256().getPublic();
        ProblemException refused = assertThrows(ProblemException.class,
                () -> validator(JANUARY).validate(Vectors.text("spc-token.jwt"), SPC_1234, otherAccount));
        assertEquals(ProblemType.INCORRECT_RESPONSE, refused.type());
        assertTrue(refused.getMessage().contains("fingerprint"), refused.getMessage());
        assertTrue(fetched.isEmpty());
    }

    @Test
    void theStiPaCrlSignerIsNoSpcTokenSigner() {
        servedSigner = List.of(Vectors.certificate("stipa-crl-signer.pem"));
        ProblemException refused = assertThrows(ProblemException.class, () -> validate(Vectors.text("spc-token.jwt")));
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
        assertTrue(refused.getMessage().contains("SPC-token signer"), refused.getMessage());
    }

    @Test
    void aPinnedSignerIsRequiredWhenPinsAreConfigured() throws Exception {
        pins = Set.of("00".repeat(32));
        ProblemException refused = assertThrows(ProblemException.class, () -> validate(Vectors.text("spc-token.jwt")));
        assertTrue(refused.getMessage().contains("pinned"), refused.getMessage());
        pins = Set.of(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Vectors.certificate("stipa-signer.pem").getEncoded())));
        assertEquals("5a0b2c9e-1f4e-4a53-9a3c-0d6b7e8f9a10", validate(Vectors.text("spc-token.jwt")).jti());
    }

    @Test
    void check2FetchesOnlyFromConfiguredLocationsWhenSomeAreSet() {
        prefixes = List.of("https://sti-pa.example.org/");
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(Vectors.text("spc-token.jwt"))));
        assertTrue(fetched.isEmpty(), "fetched an x5u outside the configured locations");
        prefixes = List.of("https://sti-pa.example.org/", "https://stipa.example.test/download/");
        validate(Vectors.text("spc-token.jwt"));
        assertEquals(List.of(X5U), fetched);
    }

    @Test
    void check2RefusesAChainOutsideItsValidity() {
        Clock before = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
        assertThrows(ProblemException.class, () -> validator(before).validate(Vectors.text("spc-token.jwt"), SPC_1234, Vectors.accountKey()));
    }

    @Test
    void check3AcceptsAnX5cChainToAnAnchor() throws Exception {
        JWSHeader x5c = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(Vectors.certificate("stipa-signer.pem").getEncoded()))).build();
        assertEquals("5a0b2c9e-1f4e-4a53-9a3c-0d6b7e8f9a10", validate(sign(x5c, claims(atc()))).jti());
        assertTrue(fetched.isEmpty());
    }

    @Test
    void check4RefusesAForgedSignatureAndOtherAlgorithms() throws Exception {
        String[] parts = Vectors.text("spc-token.jwt").strip().split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("\"ca\": false", "\"ca\": true").replace("\"ca\":false", "\"ca\":true");
        String forged = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(forged)));

        PrivateKey other = Vectors.p256().getPrivate();
        SignedJWT wrongKey = new SignedJWT(header(), claims(atc()));
        wrongKey.sign(new ECDSASigner((ECPrivateKey) other));
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(wrongKey.serialize())));

        String hs = Base64URL.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"x5u\":\"" + X5U + "\"}") + "." + parts[1] + "." + parts[2];
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(hs)));
    }

    @Test
    void check5RefusesAnotherTktypeButNotItsCase() throws Exception {
        Map<String, Object> atc = atc();
        atc.put("tktype", "TnAuthList");
        validate(sign(header(), claims(atc)));
        atc.put("tktype", "SPC");
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(atc)))));
    }

    @Test
    void check6RefusesATkvalueOfAnotherIdentifier() throws Exception {
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() ->
                validator(JANUARY).validate(Vectors.text("spc-token.jwt"), TNAuthList.ofSpc("5678"), Vectors.accountKey())));
        Map<String, Object> atc = atc();
        atc.put("tkvalue", "not base64 at all!");
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), claims(atc)))));
    }

    @Test
    void check7RefusesAnExpiredTokenAndOneWithoutJti() throws Exception {
        Clock february = Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC);
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() ->
                validator(february).validate(Vectors.text("spc-token.jwt"), SPC_1234, Vectors.accountKey())));
        JWTClaimsSet noJti = new JWTClaimsSet.Builder().expirationTime(new Date(1738281600000L)).claim("atc", atc()).build();
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() -> validate(signUnchecked(header(), noJti))));
        JWTClaimsSet noExp = new JWTClaimsSet.Builder().jwtID("j").claim("atc", atc()).build();
        assertEquals(ProblemType.UNAUTHORIZED, refusal(() -> validate(signUnchecked(header(), noExp))));
    }

    @Test
    void check8RefusesAFingerprintOfAnotherKey() {
        assertEquals(ProblemType.INCORRECT_RESPONSE, refusal(() ->
                validator(JANUARY).validate(Vectors.text("spc-token.jwt"), SPC_1234, Vectors.p256().getPublic())));
    }

    private static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).x509CertURL(X5U).build();
    }

    private static Map<String, Object> atc() {
        Map<String, Object> atc = new HashMap<>();
        atc.put("tktype", "TNAuthList");
        atc.put("tkvalue", "MAigBhYEMTIzNA==");
        atc.put("ca", false);
        atc.put("fingerprint", Fingerprints.format(Fingerprints.spkiSha256(Vectors.accountKey())));
        return atc;
    }

    private static JWTClaimsSet claims(Map<String, Object> atc) {
        return new JWTClaimsSet.Builder().expirationTime(new Date(1738281600000L))
                .jwtID("5a0b2c9e-1f4e-4a53-9a3c-0d6b7e8f9a10").claim("atc", atc).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) Vectors.privateKey("stipa-signer.key")));
        return jwt.serialize();
    }

    private static String signUnchecked(JWSHeader header, JWTClaimsSet claims) {
        try {
            return sign(header, claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
