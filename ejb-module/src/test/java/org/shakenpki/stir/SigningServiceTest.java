package org.shakenpki.stir;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import org.junit.jupiter.api.Test;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an authenticated key may have the STI-AS sign: its SPCs, up to its attestation, with the STI-AS's iat. */
class SigningServiceTest {
    private static final String ORIGID = "123e4567-e89b-12d3-a456-426655440000";

    private static SigningDraft draft(Attestation attest, Long iat, String origid, String spc) {
        return new SigningDraft(attest, List.of("12155550131"), "12155550121", iat, origid, spc);
    }

    private static ApiKeyGrant grant(Attestation max, String... spcs) {
        return new ApiKeyGrant(5, "pbx", Set.of(spcs), max, false);
    }

    private static ProblemException refused(StiAsFixture fixture, ApiKeyGrant grant, SigningDraft draft, ProblemType type) {
        ProblemException e = assertThrows(ProblemException.class, () -> fixture.signing.sign(grant, draft));
        assertEquals(type, e.type(), e.detail());
        return e;
    }

    private static JWSObject passport(String identity) throws Exception {
        return JWSObject.parse(identity.substring(0, identity.indexOf(';')));
    }

    @Test
    void aKeyWithinItsGrantGetsASignedPassportWithTheStiAsIat() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        String identity = fixture.signing.sign(grant(Attestation.A, "1234"), draft(Attestation.A, null, null, null));
        JWSObject jws = passport(identity);
        assertTrue(jws.verify(new ECDSAVerifier((ECPublicKey) fixture.key.getPublic())));
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://cr.example/1234.pem\"}",
                new String(Base64.getUrlDecoder().decode(identity.substring(0, identity.indexOf('.'))), StandardCharsets.UTF_8),
                "the protected header in RFC 8225 section 9 canonical form, byte for byte");
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertEquals("A", claims.get("attest"));
        assertEquals(fixture.now(), ((Number) claims.get("iat")).longValue(), "no iat given: the STI-AS clock");
        assertTrue(((String) claims.get("origid")).matches("[0-9a-f-]{36}"));
        assertTrue(identity.endsWith(";info=<https://cr.example/1234.pem>;alg=ES256;ppt=shaken"), identity);
    }

    @Test
    void anAttestationAboveTheKeysMaximumIsForbiddenAndAudited() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        ApiKeyGrant partial = grant(Attestation.B, "1234");
        ProblemException e = refused(fixture, partial, draft(Attestation.A, null, null, null), ProblemType.FORBIDDEN);
        assertEquals("the API key may assert attestation B at most, not A", e.detail());
        assertEquals(1, fixture.audited.size());
        assertEquals(partial.actor(), fixture.audited.get(0).actor());
        assertEquals(Outcome.REFUSED, fixture.audited.get(0).outcome());

        assertEquals("B", passport(fixture.signing.sign(partial, draft(Attestation.B, null, null, null))).getPayload().toJSONObject().get("attest"));
        assertEquals("C", passport(fixture.signing.sign(partial, draft(Attestation.C, null, null, null))).getPayload().toJSONObject().get("attest"));
        refused(fixture, grant(Attestation.C, "1234"), draft(Attestation.B, null, null, null), ProblemType.FORBIDDEN);
    }

    @Test
    void anSpcTheKeyIsNotBoundToIsForbidden() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234", "5678"));
        ProblemException named = refused(fixture, grant(Attestation.A, "5678"), draft(Attestation.A, null, null, "1234"), ProblemType.FORBIDDEN);
        assertEquals("the API key is not bound to SPC 1234", named.detail());
        assertEquals("api-key:5", fixture.audited.get(0).subject());

        // the STI-AS's default credential (here the only one) is not the key's
        StiAsFixture single = new StiAsFixture(Set.of("1234"));
        ProblemException byDefault = refused(single, grant(Attestation.A, "5678", "9999"), draft(Attestation.A, null, null, null),
                ProblemType.FORBIDDEN);
        assertTrue(byDefault.detail().contains("SPC 1234, which the API key is not bound to"), byDefault.detail());
    }

    @Test
    void theCredentialIsTheRequestsSpcOrTheKeysOnlySpc() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234", "5678"));
        assertTrue(fixture.signing.sign(grant(Attestation.A, "5678"), draft(Attestation.A, null, null, null))
                .contains(";info=<https://cr.example/5678.pem>;"));
        assertTrue(fixture.signing.sign(grant(Attestation.A, "1234", "5678"), draft(Attestation.A, null, null, "1234"))
                .contains(";info=<https://cr.example/1234.pem>;"));
        refused(fixture, grant(Attestation.A, "1234", "5678"), draft(Attestation.A, null, null, null), ProblemType.SERVICE_UNAVAILABLE);
    }

    @Test
    void aCallersIatMoreThanTheToleranceOffTheClockIsRefused() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        ApiKeyGrant key = grant(Attestation.A, "1234");
        long now = fixture.now();
        ProblemException late = refused(fixture, key, draft(Attestation.A, now - 6, null, null), ProblemType.MALFORMED);
        assertTrue(late.detail().startsWith("signingRequest.iat is 6 s off the STI-AS clock"), late.detail());
        refused(fixture, key, draft(Attestation.A, now + 6, null, null), ProblemType.MALFORMED);
        refused(fixture, key, draft(Attestation.A, -1L, null, null), ProblemType.MALFORMED);
        refused(fixture, key, draft(Attestation.A, 100_000_000_000_000_000L, null, null), ProblemType.MALFORMED);
        assertEquals(now - 5, ((Number) passport(fixture.signing.sign(key, draft(Attestation.A, now - 5, null, null)))
                .getPayload().toJSONObject().get("iat")).longValue(), "within the tolerance the caller's iat is kept");
    }

    @Test
    void anOrigidThatIsNotAUuidIsRefused() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        ApiKeyGrant key = grant(Attestation.A, "1234");
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", ORIGID + "0", " " + ORIGID, "")) {
            ProblemException e = refused(fixture, key, draft(Attestation.A, null, bad, null), ProblemType.MALFORMED);
            assertTrue(e.detail().startsWith("signingRequest.origid must be a UUID"), e.detail());
        }
        assertEquals(ORIGID, passport(fixture.signing.sign(key, draft(Attestation.A, null, ORIGID.toUpperCase(), null)))
                .getPayload().toJSONObject().get("origid"));
    }

    // --- diversions (RFC 8946, ATIS-1000085) --------------------------------------------------------------

    private static DiversionDraft diversion(List<String> identities, String div, String dest, boolean withOpt, String spc) {
        return new DiversionDraft(identities, div, List.of(dest), withOpt, null, spc);
    }

    @Test
    void aDiversionIsSignedAsADivPassportWithTheOriginalsOrigAndNoAttestation() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234", "5678"));
        String original = fixture.signing.sign(grant(Attestation.A, "1234"), draft(Attestation.A, null, null, "1234"));
        ApiKeyGrant divertingKey = grant(Attestation.C, "5678");
        String div = fixture.signing.signDiversion(divertingKey, diversion(List.of(original), "12155550131", "12155550141", false, null));
        assertTrue(div.endsWith(";info=<https://cr.example/5678.pem>;alg=ES256;ppt=div"), div);
        JWSObject jws = passport(div);
        assertTrue(jws.verify(new ECDSAVerifier((ECPublicKey) fixture.key.getPublic())));
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"div\",\"typ\":\"passport\",\"x5u\":\"https://cr.example/5678.pem\"}",
                new String(Base64.getUrlDecoder().decode(div.substring(0, div.indexOf('.'))), StandardCharsets.UTF_8));
        assertEquals("{\"dest\":{\"tn\":[\"12155550141\"]},\"div\":{\"tn\":\"12155550131\"},\"iat\":" + fixture.now()
                + ",\"orig\":{\"tn\":\"12155550121\"}}", new String(Base64.getUrlDecoder().decode(div.split("\\.")[1]),
                StandardCharsets.UTF_8), "a key that may assert C only still diverts: a div PASSporT has no attest");

        String second = fixture.signing.signDiversion(divertingKey, diversion(List.of(original, div), "12155550141",
                "12155550151", true, null));
        assertTrue(second.endsWith(";ppt=div-o"), second);
        assertEquals(div.substring(0, div.indexOf(';')), passport(second).getPayload().toJSONObject().get("opt"),
                "div-o carries the PASSporT it follows: the last one sent to the diverting number");
    }

    @Test
    void aDiversionIsAuthorisedByTheKeysSpc() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234", "5678"));
        String original = fixture.signing.sign(grant(Attestation.A, "1234"), draft(Attestation.A, null, null, "1234"));
        ProblemException e = assertThrows(ProblemException.class, () -> fixture.signing.signDiversion(grant(Attestation.A, "5678"),
                diversion(List.of(original), "12155550131", "12155550141", false, "1234")));
        assertEquals(ProblemType.FORBIDDEN, e.type());
        assertEquals("the API key is not bound to SPC 1234", e.detail());
        assertEquals(1, fixture.audited.size());
    }

    @Test
    void aDiversionFromANumberNoIncomingPassportWasSentToIsMalformed() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        ApiKeyGrant key = grant(Attestation.A, "1234");
        String original = fixture.signing.sign(key, draft(Attestation.A, null, null, null));
        ProblemException other = assertThrows(ProblemException.class, () -> fixture.signing.signDiversion(key,
                diversion(List.of(original), "12155550199", "12155550141", false, null)));
        assertEquals(ProblemType.MALFORMED, other.type());
        assertEquals("signingRequest.div.tn 12155550199 is not the destination of any incoming PASSporT", other.detail());
        ProblemException same = assertThrows(ProblemException.class, () -> fixture.signing.signDiversion(key,
                diversion(List.of(original), "12155550131", "12155550131", false, null)));
        assertEquals(ProblemType.MALFORMED, same.type());
        ProblemException garbage = assertThrows(ProblemException.class, () -> fixture.signing.signDiversion(key,
                diversion(List.of("not a passport;info=<https://x/y>"), "12155550131", "12155550141", false, null)));
        assertEquals(ProblemType.MALFORMED, garbage.type());
    }
}
