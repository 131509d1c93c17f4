package org.shakenpki.stir;

import org.junit.jupiter.api.Test;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may call the STI-AS: bearer API keys, unknown and revoked ones refused, lookups cached. */
class ApiKeyAuthenticationTest {

    private static ProblemException refused(StiAsFixture fixture, String authorization) {
        ProblemException e = assertThrows(ProblemException.class, () -> fixture.authentication.authenticate(authorization));
        assertEquals(ProblemType.UNAUTHENTICATED, e.type(), e.detail());
        return e;
    }

    @Test
    void aValidKeyAuthenticatesWithItsGrant() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        String secret = fixture.key(7, Attestation.B, false, "1234");
        ApiKeyGrant grant = fixture.authentication.authenticate("Bearer " + secret);
        assertEquals(7, grant.id());
        assertEquals(Set.of("1234"), grant.spcs());
        assertEquals(Attestation.B, grant.maxAttest());
        assertEquals(grant, fixture.authentication.authenticate("bearer  " + secret + " "), "the scheme is case-insensitive");
    }

    @Test
    void noKeyOrAnotherSchemeIsRefused() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        String secret = fixture.key(1, Attestation.A, false, "1234");
        assertTrue(refused(fixture, null).detail().contains("Authorization: Bearer"));
        refused(fixture, "");
        refused(fixture, "Bearer ");
        refused(fixture, "Basic " + secret);
        refused(fixture, secret);
        assertEquals(0, fixture.directoryReads, "nothing to look up");
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        fixture.key(1, Attestation.A, false, "1234");
        String unknown = ApiKeySecrets.newSecret();
        assertEquals("the API key is not one this STI-AS issued", refused(fixture, "Bearer " + unknown).detail());
        assertEquals(1, fixture.directoryReads);
        refused(fixture, "Bearer " + unknown);
        assertEquals(1, fixture.directoryReads, "the unknown digest is cached too");
        refused(fixture, "Bearer not-even-the-format");
        assertEquals(1, fixture.directoryReads, "a secret of the wrong shape is not looked up");
    }

    @Test
    void aRevokedKeyIsRefusedAndTheRefusalNamesIt() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        String secret = fixture.key(9, Attestation.A, true, "1234");
        assertEquals("the API key 9 is revoked", refused(fixture, "Bearer " + secret).detail());
        StiAsFixture.Audited record = fixture.audited.get(0);
        assertEquals("api-key:9", record.subject());
        assertEquals(Outcome.REFUSED, record.outcome());
        assertEquals(SigningRefusals.ACTION, record.action());
    }

    @Test
    void aRevocationOnThisNodeTakesEffectAtOnceAndOnOthersWithinTheCacheLifetime() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        String secret = fixture.key(3, Attestation.A, false, "1234");
        String hash = ApiKeySecrets.sha256Hex(secret);
        fixture.authentication.authenticate("Bearer " + secret);
        fixture.keysByHash.put(hash, new ApiKeyGrant(3, "key 3", Set.of("1234"), Attestation.A, true));

        // another node revoked it: this node still trusts its cache, for at most the time to live
        fixture.authentication.authenticate("Bearer " + secret);
        assertEquals(1, fixture.directoryReads);
        fixture.clock.advance(Duration.ofSeconds(10));
        refused(fixture, "Bearer " + secret);

        // this node revoked it: forgotten at once
        StiAsFixture other = new StiAsFixture(Set.of("1234"));
        String second = other.key(4, Attestation.A, false, "1234");
        other.authentication.authenticate("Bearer " + second);
        other.keysByHash.put(ApiKeySecrets.sha256Hex(second), new ApiKeyGrant(4, "key 4", Set.of("1234"), Attestation.A, true));
        other.authentication.onRevoked(new ApiKeyRevoked(ApiKeySecrets.sha256Hex(second)));
        refused(other, "Bearer " + second);
    }

    @Test
    void unauthenticatedRefusalsAreAuditedAtMostOncePerWindowWithTheCountOfTheRest() throws Exception {
        StiAsFixture fixture = new StiAsFixture(Set.of("1234"));
        for (int i = 0; i < 5; i++) {
            refused(fixture, null);
        }
        assertEquals(1, fixture.audited.size(), "an outsider's flood is not one audit write per request");
        fixture.clock.advance(Duration.ofMillis(SigningRefusals.ANONYMOUS_WINDOW_MILLIS));
        refused(fixture, "Bearer " + ApiKeySecrets.newSecret());
        assertEquals(2, fixture.audited.size());
        assertTrue(fixture.audited.get(1).detail().contains("and 4 unauthenticated signing requests unrecorded"),
                fixture.audited.get(1).detail());
    }
}
