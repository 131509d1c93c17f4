package org.shakenpki.stir;

import org.shakenpki.stipa.IndirectCrl;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Vectors;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verification procedure on the synthetic vectors, at a fixed time when the CRL and trust list are current. */
class PassportVerifierTest {
    private static final Instant NOW = Instant.parse("2025-01-03T00:00:00Z");
    private static final Instant CALL = Instant.ofEpochSecond(StirVectors.IAT + 30);
    private static final String FROM = "12155550121";
    private static final List<String> TO = List.of("12155550131");

    private final PassportVerifier verifier = verifier(StirVectors.stiPa(NOW));

    private static PassportVerifier verifier(StiPaSource stiPa) {
        return new PassportVerifier(Clock.fixed(NOW, ZoneOffset.UTC),
                new VerifierPolicy(Duration.ofSeconds(60), Set.of(443, 8443), false), StirVectors.credentials(), stiPa);
    }

    private VerificationResult verify(String identity) {
        return verifier.verify(new VerificationRequest(FROM, TO, CALL, identity));
    }

    @Test
    void theVectorPassportVerifies() {
        VerificationResult result = verify(StirVectors.identity());
        assertEquals(Verstat.TN_VALIDATION_PASSED, result.verstat(), result.reason());
        assertNull(result.failure());
        assertEquals("A", result.attest());
        assertEquals("1234", result.spc());
        assertEquals("123e4567-e89b-12d3-a456-426655440000", result.origid());
    }

    @Test
    void fromAndToAreComparedCanonically() {
        VerificationResult result = verifier.verify(new VerificationRequest("12155550121", List.of("12155550131"), CALL,
                "Identity: " + StirVectors.identity().substring("Identity: ".length())));
        assertTrue(result.passed(), result.reason());
    }

    @Test
    void theStrictProfileAcceptsTheVectorLeaf() {
        PassportVerifier strict = new PassportVerifier(Clock.fixed(NOW, ZoneOffset.UTC),
                new VerifierPolicy(Duration.ofSeconds(60), Set.of(443), true), StirVectors.credentials(), StirVectors.stiPa(NOW));
        VerificationResult result = strict.verify(new VerificationRequest(FROM, TO, CALL, StirVectors.identity()));
        assertTrue(result.passed(), result.reason());
    }

    @Test
    void anIdentityHeaderWithAnUnsupportedPptIsTreatedAsAbsent() {
        // rph (RFC 8443) is not supported here; div is, since diverted calls are verified (DiversionTest)
        String rph = StirVectors.identity().replace(";ppt=shaken", ";ppt=rph");
        VerificationResult alone = verifier.verify(new VerificationRequest(FROM, TO, CALL, List.of(rph)));
        assertEquals(Failure.NO_IDENTITY, alone.failure(), alone.reason());
        assertEquals(428, alone.failure().sipCode());
        assertEquals(Verstat.NO_TN_VALIDATION, alone.verstat());
        VerificationResult beside = verifier.verify(new VerificationRequest(FROM, TO, CALL, List.of(rph, StirVectors.identity())));
        assertTrue(beside.passed(), beside.reason());
    }

    @Test
    void oneGoodIdentityHeaderAmongSeveralPassesAndOtherwiseTheFirstFailureCounts() {
        String garbage = "not-a-passport;info=<https://cr.example.test/x.pem>;ppt=shaken";
        assertTrue(verifier.verify(new VerificationRequest(FROM, TO, CALL, List.of(garbage, StirVectors.identity()))).passed());
        VerificationResult none = verifier.verify(new VerificationRequest(FROM, TO, CALL,
                List.of(garbage, StirVectors.identity().replace("info=<", "info=<https://elsewhere.example.test/"))));
        assertFailure(none, Failure.INVALID_IDENTITY_HEADER, 438, "compact");
    }

    @Test
    void aHeaderOrPayloadThatIsTheJsonTextNullIs438() {
        String info = ";info=<" + StirVectors.X5U + ">;alg=ES256;ppt=shaken";
        assertFailure(verify("bnVsbA.bnVsbA.AAAA" + info), Failure.INVALID_IDENTITY_HEADER, 438, "JWS");
        String header = StirVectors.identity().substring("Identity: ".length()).split("\\.")[0];
        VerificationResult nullPayload = verify(header + ".bnVsbA.AAAA" + info);
        assertEquals(Failure.INVALID_IDENTITY_HEADER, nullPayload.failure(), nullPayload.reason());
    }

    @Test
    void aTamperedSignatureIs438() {
        String identity = StirVectors.identity();
        int semicolon = identity.indexOf(';');
        char last = identity.charAt(semicolon - 2);
        String tampered = identity.substring(0, semicolon - 2) + (last == 'A' ? 'B' : 'A') + identity.substring(semicolon - 1);
        assertFailure(verify(tampered), Failure.INVALID_IDENTITY_HEADER, 438, "signature");
    }

    @Test
    void tamperedClaimsAre438() {
        String identity = StirVectors.identity();
        String[] parts = identity.substring("Identity: ".length()).split("\\.", 3);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"A\"", "\"B\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        VerificationResult result = verify(tampered);
        assertFailure(result, Failure.INVALID_IDENTITY_HEADER, 438, "signature");
        assertEquals("B", result.attest());
    }

    @Test
    void aStaleIatIs403StaleDate() {
        VerificationResult result = verifier.verify(new VerificationRequest(FROM, TO, Instant.ofEpochSecond(StirVectors.IAT + 61),
                StirVectors.identity()));
        assertFailure(result, Failure.STALE_DATE, 403, "61 s");
        // Without a request time, now (two days later) is the reference.
        assertFailure(verifier.verify(new VerificationRequest(FROM, TO, null, StirVectors.identity())), Failure.STALE_DATE, 403, "iat");
        assertFailure(verifier.verify(new VerificationRequest(FROM, TO, Instant.ofEpochSecond(StirVectors.IAT - 61),
                StirVectors.identity())), Failure.STALE_DATE, 403, "after");
    }

    @Test
    void numbersThatDoNotMatchTheCallAre438() {
        assertFailure(verifier.verify(new VerificationRequest("12155550199", TO, CALL, StirVectors.identity())),
                Failure.INVALID_IDENTITY_HEADER, 438, "orig");
        assertFailure(verifier.verify(new VerificationRequest(FROM, List.of("12155550132"), CALL, StirVectors.identity())),
                Failure.INVALID_IDENTITY_HEADER, 438, "dest");
    }

    @Test
    void aRevokedLeafFailsWithItsReason() throws Exception {
        String identity = StirVectors.identity(Vectors.privateKey("leaf-revoked.key"), StirVectors.REVOKED_X5U,
                StirVectors.IAT, FROM, TO.get(0));
        VerificationResult result = verify(identity);
        assertFailure(result, Failure.CERTIFICATE_REVOKED, 437, "keyCompromise");
        assertEquals("5678", result.spc());
    }

    @Test
    void aDivPassportSignedWithARevokedCertificateFailsTheDivertedCall() throws Exception {
        // RFC 8946: the diverting provider's certificate goes through the same STI-PA CRL check as the original's
        String div = new PassportSigner().signDiversion(new DivSigningRequest(List.of("12155550141"), TO.get(0),
                StirVectors.IAT, FROM, null), new SigningCredential("5678", new org.shakenpki.pkix.SoftwareSigner(
                new java.security.KeyPair(Vectors.certificate("leaf-revoked.pem").getPublicKey(), Vectors.privateKey("leaf-revoked.key"))),
                StirVectors.REVOKED_X5U, NOW, NOW));
        VerificationResult result = verifier.verify(new VerificationRequest(FROM, List.of("12155550141"), CALL,
                List.of(StirVectors.identity(), div)));
        assertFailure(result, Failure.CERTIFICATE_REVOKED, 437, "Identity header 2 (div)");
        assertTrue(result.identities().get(0).passed(), result.identities().get(0).reason());
        assertFailure(result.identities().get(1), Failure.CERTIFICATE_REVOKED, 437, "keyCompromise");
    }

    @Test
    void aCrlSignedByAnotherKeyIsRefusedAndNothingIsValidated() throws Exception {
        byte[] forged = TestCrls.signedWithTokenSignerKey();
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IndirectCrl.verify(forged, StirVectors.crlSignerChain(), StirVectors.stiPaAnchors(), NOW));
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());

        PassportVerifier withForgedCrl = verifier(new StiPaSource() {
            @Override
            public TrustList trustList() throws java.io.IOException {
                return StirVectors.stiPa(NOW).trustList();
            }

            @Override
            public IndirectCrl crl() throws java.io.IOException {
                try {
                    return IndirectCrl.verify(forged, StirVectors.crlSignerChain(), StirVectors.stiPaAnchors(), NOW);
                } catch (IllegalArgumentException e) {
                    throw new java.io.IOException(e.getMessage());
                }
            }
        });
        VerificationResult result = withForgedCrl.verify(new VerificationRequest(FROM, TO, CALL, StirVectors.identity()));
        assertEquals(Verstat.NO_TN_VALIDATION, result.verstat());
        assertEquals(Failure.VERIFIER_UNAVAILABLE, result.failure());
    }

    @Test
    void aCrlPastItsNextUpdateIsRefused() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IndirectCrl.verify(StirVectors.crlDer(), StirVectors.crlSignerChain(), StirVectors.stiPaAnchors(),
                        Instant.parse("2025-01-10T00:00:00Z")));
        assertTrue(refused.getMessage().contains("nextUpdate"), refused.getMessage());
    }

    @Test
    void aChainOutsideTheTrustListIs437() {
        PassportVerifier untrusting = verifier(new StiPaSource() {
            @Override
            public TrustList trustList() {
                return new TrustList(Set.of(new java.security.cert.TrustAnchor(Vectors.certificate("stipa-root.pem"), null)), 1,
                        NOW.plusSeconds(3600));
            }

            @Override
            public IndirectCrl crl() throws java.io.IOException {
                return StirVectors.stiPa(NOW).crl();
            }
        });
        assertFailure(untrusting.verify(new VerificationRequest(FROM, TO, CALL, StirVectors.identity())),
                Failure.UNSUPPORTED_CREDENTIAL, 437, "trust list");
    }

    @Test
    void anExpiredLeafIs437() {
        PassportVerifier later = new PassportVerifier(Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC),
                new VerifierPolicy(Duration.ofSeconds(60), Set.of(443), false), StirVectors.credentials(), StirVectors.stiPa(NOW));
        assertFailure(later.verify(new VerificationRequest(FROM, TO, CALL, StirVectors.identity())),
                Failure.UNSUPPORTED_CREDENTIAL, 437, "trust list");
    }

    @Test
    void aKeptChainVerdictHoldsOnlyForTheSameTrustListAndWithinValidity() throws Exception {
        List<java.security.cert.X509Certificate> chain = StirVectors.credentials().chain(java.net.URI.create(StirVectors.X5U));
        TrustList trusted = StirVectors.stiPa(NOW).trustList();
        TrustList untrusted = new TrustList(Set.of(new java.security.cert.TrustAnchor(Vectors.certificate("stipa-root.pem"), null)),
                2, NOW.plusSeconds(3600));
        IndirectCrl crl = StirVectors.stiPa(NOW).crl();
        TrustList[] current = {trusted};
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        PassportVerifier keeping = new PassportVerifier(clock, new VerifierPolicy(Duration.ofSeconds(60), Set.of(443), false),
                uri -> chain, new StiPaSource() {
            @Override
            public TrustList trustList() {
                return current[0];
            }

            @Override
            public IndirectCrl crl() {
                return crl;
            }
        }, new ValidatedChains());
        VerificationRequest call = new VerificationRequest(FROM, TO, CALL, StirVectors.identity());
        assertTrue(keeping.verify(call).passed());
        assertTrue(keeping.verify(call).passed(), "the kept verdict serves the same chain and trust list");
        current[0] = untrusted;
        assertFailure(keeping.verify(call), Failure.UNSUPPORTED_CREDENTIAL, 437, "trust list");
        current[0] = trusted;
        assertTrue(keeping.verify(call).passed());
        now[0] = Instant.parse("2026-02-01T00:00:00Z");
        assertFailure(keeping.verify(call), Failure.UNSUPPORTED_CREDENTIAL, 437, "trust list");
    }

    @Test
    void anUnreachableX5uIs436() throws Exception {
        String identity = StirVectors.identity(Vectors.privateKey("leaf-1234.key"), "https://cr.example.test/sti/other.pem",
                StirVectors.IAT, FROM, TO.get(0));
        assertFailure(verify(identity), Failure.BAD_IDENTITY_INFO, 436, "connection refused");
    }

    @Test
    void x5uUrlsOutsideTheAtisRulesAre436() throws Exception {
        for (String x5u : List.of("http://cr.example.test/leaf.pem", "https://cr.example.test:9443/leaf.pem",
                "https://user:pw@cr.example.test/leaf.pem", "https://cr.example.test/leaf.pem?id=1",
                "https://cr.example.test/leaf.pem#frag")) {
            String identity = StirVectors.identity(Vectors.privateKey("leaf-1234.key"), x5u, StirVectors.IAT, FROM, TO.get(0));
            assertFailure(verify(identity), Failure.BAD_IDENTITY_INFO, 436, "x5u");
        }
        assertEquals(8443, X5uRules.check("https://cr.example.test:8443/a.pem", Set.of(443, 8443)).getPort());
    }

    @Test
    void noIdentityIs428NoTnValidation() {
        VerificationResult result = verify("  ");
        assertEquals(Verstat.NO_TN_VALIDATION, result.verstat());
        assertEquals(428, result.failure().sipCode());
    }

    @Test
    void malformedIdentityHeadersAndFormsAre438Or437() {
        String jws = StirVectors.identity().substring("Identity: ".length()).split(";")[0];
        assertFailure(verify(jws), Failure.INVALID_IDENTITY_HEADER, 438, "info");
        assertFailure(verify(jws + ";info=" + StirVectors.X5U), Failure.INVALID_IDENTITY_HEADER, 438, "angle brackets");
        String[] parts = jws.split("\\.");
        assertFailure(verify(parts[0] + ".." + parts[2] + ";info=<" + StirVectors.X5U + ">"), Failure.INVALID_IDENTITY_HEADER, 438,
                "compact form");
        assertFailure(verify(jws + ";info=<" + StirVectors.X5U + ">;alg=RS256"), Failure.UNSUPPORTED_CREDENTIAL, 437, "RS256");
        assertFailure(verify(jws + ";info=<https://cr.example.test/other.pem>"), Failure.INVALID_IDENTITY_HEADER, 438, "info");
        assertFailure(verify("not-a-jws;info=<" + StirVectors.X5U + ">"), Failure.INVALID_IDENTITY_HEADER, 438, "JWS");
    }

    private static void assertFailure(VerificationResult result, Failure failure, int sipCode, String reasonPart) {
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat(), result.reason());
        assertEquals(failure, result.failure(), result.reason());
        assertEquals(sipCode, result.failure().sipCode());
        assertTrue(result.reason().contains(reasonPart), result.reason());
    }
}
