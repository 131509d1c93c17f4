package org.shakenpki.stir;

import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.trust.TestPki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;

/**
 * Rich Call Data (RFC 9795) end to end in memory: the STI-AS signs {@code rcd}, {@code crn} and {@code rcdi} into
 * the SHAKEN PASSporT or a {@code ppt: rcd} PASSporT, hashing the logo it fetches; the STI-VS verifies them,
 * checks the digests against what it fetches, and enforces the JWT Claim Constraints (RFC 8226, RFC 9118) of the
 * leaf and of the CA above it. The forgeries: a logo that no longer matches its digest, a display name outside the
 * certificate's permitted values, a PASSporT that lacks a claim the intermediate requires, a call reason the
 * certificate excludes, unreadable constraints, a tampered {@code rcd} PASSporT.
 */
class RichCallDataTest {
    private static final String A = "12155550121";
    private static final String B = "12155550131";
    private static final String LOGO = "https://logos.example.test/bank.png";
    private static final byte[] LOGO_BYTES = "a genuine PNG".getBytes(StandardCharsets.US_ASCII);
    private static final long IAT = NOW.getEpochSecond() - 5;

    private final TestPki.Issued root = TestPki.root("CN=RCD Test STI-CA Root,C=US");
    private final TestPki.Issued intermediate = TestPki.issue(TestPki.caCert("CN=RCD Test STI-CA Intermediate,C=US").ca(0), root);
    private final ServedChains served = new ServedChains();
    /** What the logo server serves, by URL; the STI-AS and the STI-VS both fetch from here. */
    private final Map<String, byte[]> web = new ConcurrentHashMap<>(Map.of(LOGO, LOGO_BYTES));
    private final LinkedContent content = uri -> {
        byte[] body = web.get(uri.toString());
        if (body == null) {
            throw new IOException("the server did not answer 200 OK");
        }
        return body;
    };
    private final PassportVerifier verifier = served.verifier(root, content);

    private SigningCredential credential(TestPki.Issued leaf, TestPki.Issued... above) {
        TestPki.Issued[] chain = new TestPki.Issued[above.length + 1];
        chain[0] = leaf;
        System.arraycopy(above, 0, chain, 1, above.length);
        return new SigningCredential("1234", new SoftwareSigner(leaf.key()),
                served.publish("leaf-" + leaf.certificate().getSerialNumber(), chain), NOW.minusSeconds(3600), NOW.plusSeconds(3600));
    }

    private SigningCredential plainCredential() {
        return credential(TestPki.issue(TestPki.leaf(), intermediate), intermediate);
    }

    private SigningService service(SigningCredential credential) {
        SigningService service = new SigningService();
        service.signer = new PassportSigner();
        service.credentials = new SigningCredentials() {
            @Override
            public SigningCredential current() {
                return credential;
            }

            @Override
            public SigningCredential current(String spc) {
                return credential;
            }
        };
        service.refusals = new SigningRefusals();
        service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service.settings = AsSettings.from(SettingReader.of(Map.of("shakenpki.as.admin-token-file", "unused")));
        service.linkedContent = content;
        return service;
    }

    private static final ApiKeyGrant GRANT = new ApiKeyGrant(1, "test", Set.of("1234"), Attestation.A, false);

    private static SigningDraft draft(RcdDraft rcd) {
        return new SigningDraft(Attestation.A, List.of(B), A, IAT, "3a47c3b1-0c1f-4b4e-9d55-5a8b1f3e2c10", null, rcd);
    }

    private static RcdDraft bank(String nam, boolean separate) {
        return new RcdDraft(nam, null, LOGO, null, null, "Your statement is ready", true, separate);
    }

    private VerificationResult verify(String... identities) {
        return verifier.verify(new VerificationRequest(A, List.of(B), NOW, List.of(identities)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The Identity header value with its payload changed and its signature kept. */
    private static String tamperPayload(String identity, String from, String to) throws Exception {
        String[] parts = identity.split("\\.", 3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(from, to);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static String payload(String identity) throws Exception {
        return JWSObject.parse(identity.substring(0, identity.indexOf(';'))).getPayload().toString();
    }

    @Test
    void theShakenPassportCarriesRcdCrnAndRcdiInCanonicalForm() throws Exception {
        String identity = service(plainCredential()).sign(GRANT, draft(bank("Example Bank", false)));
        assertEquals("{\"attest\":\"A\",\"crn\":\"Your statement is ready\",\"dest\":{\"tn\":[\"" + B + "\"]},\"iat\":" + IAT
                + ",\"orig\":{\"tn\":\"" + A + "\"},\"origid\":\"3a47c3b1-0c1f-4b4e-9d55-5a8b1f3e2c10\""
                + ",\"rcd\":{\"icn\":\"" + LOGO + "\",\"nam\":\"Example Bank\"},\"rcdi\":{\"/icn\":\"" + sha256(LOGO_BYTES) + "\"}}",
                payload(identity));
        assertTrue(identity.endsWith(";ppt=shaken"), identity);

        VerificationResult result = verify(identity);
        assertTrue(result.passed(), result.reason());
        assertEquals(RcdResult.Status.VERIFIED, result.rcd().status(), result.rcd().reason());
        assertEquals("Example Bank", result.rcd().nam());
        assertEquals("Your statement is ready", result.rcd().crn());
        assertEquals(LOGO, result.rcd().icn().url());
        assertEquals(RcdResult.Digest.VERIFIED, result.rcd().icn().digest());
        assertEquals("shaken", result.rcd().ppt());
    }

    @Test
    void aLogoThatNoLongerMatchesItsDigestFailsTheRcdButNotTheTnValidation() {
        String identity = service(plainCredential()).sign(GRANT, draft(bank("Example Bank", false)));
        web.put(LOGO, "a logo swapped after signing".getBytes(StandardCharsets.US_ASCII));
        VerificationResult result = verify(identity);
        assertEquals(Verstat.TN_VALIDATION_PASSED, result.verstat(), result.reason());
        assertEquals(RcdResult.Status.FAILED, result.rcd().status());
        assertEquals(RcdResult.Digest.MISMATCH, result.rcd().icn().digest());
        assertTrue(result.rcd().reason().contains("/icn"), result.rcd().reason());

        web.remove(LOGO);
        VerificationResult gone = verify(identity);
        assertEquals(RcdResult.Status.FAILED, gone.rcd().status());
        assertEquals(RcdResult.Digest.UNAVAILABLE, gone.rcd().icn().digest());
    }

    @Test
    void rcdWithoutRcdiIsUnprotectedAndTheLogoIsNotCovered() {
        RcdDraft unprotected = new RcdDraft("Example Bank", null, LOGO, null, null, null, false, false);
        VerificationResult result = verify(service(plainCredential()).sign(GRANT, draft(unprotected)));
        assertTrue(result.passed(), result.reason());
        assertEquals(RcdResult.Status.UNPROTECTED, result.rcd().status());
        assertEquals(RcdResult.Digest.NOT_COVERED, result.rcd().icn().digest());
    }

    @Test
    void aSeparateRcdPassportIsSignedAndVerifiedBesideTheShakenOne() throws Exception {
        List<String> identities = service(plainCredential()).signAll(GRANT, draft(bank("Example Bank", true)));
        assertEquals(2, identities.size());
        assertTrue(identities.get(1).endsWith(";ppt=rcd"), identities.get(1));
        assertTrue(!payload(identities.get(0)).contains("rcd"), "the SHAKEN PASSporT carries no RCD");
        JWSObject rcd = JWSObject.parse(identities.get(1).substring(0, identities.get(1).indexOf(';')));
        assertEquals("rcd", rcd.getHeader().getCustomParam("ppt"));
        assertEquals("{\"crn\":\"Your statement is ready\",\"dest\":{\"tn\":[\"" + B + "\"]},\"iat\":" + IAT
                + ",\"orig\":{\"tn\":\"" + A + "\"},\"rcd\":{\"icn\":\"" + LOGO + "\",\"nam\":\"Example Bank\"}"
                + ",\"rcdi\":{\"/icn\":\"" + sha256(LOGO_BYTES) + "\"}}", rcd.getPayload().toString());

        VerificationResult result = verify(identities.get(0), identities.get(1));
        assertTrue(result.passed(), result.reason());
        assertEquals(RcdResult.Status.VERIFIED, result.rcd().status(), result.rcd().reason());
        assertEquals("rcd", result.rcd().ppt());

        String tampered = tamperPayload(identities.get(1), "Example Bank", "Evil Bank");
        VerificationResult forged = verify(identities.get(0), tampered);
        assertTrue(forged.passed(), "a bad rcd PASSporT leaves the SHAKEN verification alone: " + forged.reason());
        assertEquals(RcdResult.Status.FAILED, forged.rcd().status());
        assertNull(forged.rcd().nam());

        VerificationResult alone = verify(identities.get(1));
        assertEquals(Failure.NO_IDENTITY, alone.failure(), "an rcd PASSporT asserts no attestation: " + alone.reason());
    }

    @Test
    void aDisplayNameOutsideTheLeafsPermittedValuesIsRejected() {
        JwtClaimConstraints vetted = new JwtClaimConstraints(true, List.of("rcd"),
                Map.of("rcd", List.of("{ \"nam\": \"Example Bank\", \"icn\": \"" + LOGO + "\" }")), List.of());
        SigningCredential credential = credential(TestPki.issue(TestPki.leaf().extension(vetted.oid(), vetted.der()),
                intermediate), intermediate);
        VerificationResult genuine = verify(service(credential).sign(GRANT, draft(bank("Example Bank", false))));
        assertTrue(genuine.passed(), "key order and spacing in the certificate do not matter: " + genuine.reason());
        assertEquals(RcdResult.Status.VERIFIED, genuine.rcd().status());

        VerificationResult forged = verify(service(credential).sign(GRANT, draft(bank("Evil Bank", false))));
        assertEquals(Failure.INVALID_IDENTITY_HEADER, forged.failure(), forged.reason());
        assertEquals(438, forged.failure().sipCode());
        assertTrue(forged.reason().contains("rcd is not among the values"), forged.reason());
        assertNull(forged.rcd());

        VerificationResult without = verify(service(credential).sign(GRANT, draft(null)));
        assertEquals(Failure.INVALID_IDENTITY_HEADER, without.failure(), "mustInclude rcd: " + without.reason());
    }

    @Test
    void aConstraintOfTheIntermediateBindsTheLeafsPassports() {
        JwtClaimConstraints caRule = new JwtClaimConstraints(false, List.of("rcdi"), Map.of(), List.of());
        TestPki.Issued constrained = TestPki.issue(TestPki.caCert("CN=RCD Test Constrained Intermediate,C=US").ca(0)
                .extension(caRule.oid(), caRule.der()), root);
        SigningCredential credential = credential(TestPki.issue(TestPki.leaf(), constrained), constrained);
        VerificationResult withRcdi = verify(service(credential).sign(GRANT, draft(bank("Example Bank", false))));
        assertTrue(withRcdi.passed(), withRcdi.reason());

        RcdDraft noDigests = new RcdDraft("Example Bank", null, LOGO, null, null, null, false, false);
        VerificationResult violating = verify(service(credential).sign(GRANT, draft(noDigests)));
        assertEquals(Failure.INVALID_IDENTITY_HEADER, violating.failure(), violating.reason());
        assertTrue(violating.reason().contains("lacks the claim rcdi")
                && violating.reason().contains("RCD Test Constrained Intermediate"), violating.reason());
    }

    @Test
    void aCallReasonTheCertificateExcludesIsRejected() {
        JwtClaimConstraints noReason = new JwtClaimConstraints(true, List.of(), Map.of(), List.of("crn"));
        SigningCredential credential = credential(TestPki.issue(TestPki.leaf().extension(noReason.oid(), noReason.der()),
                intermediate), intermediate);
        VerificationResult result = verify(service(credential).sign(GRANT, draft(bank("Example Bank", false))));
        assertEquals(Failure.INVALID_IDENTITY_HEADER, result.failure(), result.reason());
        assertTrue(result.reason().contains("carries the claim crn"), result.reason());
        // RFC 9118 section 3: excluding a baseline claim makes the extension count as absent
        JwtClaimConstraints void_ = new JwtClaimConstraints(true, List.of(), Map.of(), List.of("crn", "iat"));
        SigningCredential ignored = credential(TestPki.issue(TestPki.leaf().extension(void_.oid(), void_.der()),
                intermediate), intermediate);
        assertTrue(verify(service(ignored).sign(GRANT, draft(bank("Example Bank", false)))).passed());
    }

    @Test
    void constraintsThatDoNotDecodeAre437() {
        SigningCredential credential = credential(TestPki.issue(TestPki.leaf()
                .extension(JwtClaimConstraints.ENHANCED_OID, new byte[] {0x30, 0x00}), intermediate), intermediate);
        VerificationResult result = verify(service(credential).sign(GRANT, draft(null)));
        assertEquals(Failure.UNSUPPORTED_CREDENTIAL, result.failure(), result.reason());
        assertEquals(437, result.failure().sipCode());
    }

    @Test
    void anInlineJcardIsDigestedCanonicallyWithItsLogoUri() throws Exception {
        List<Object> jcard = List.of("vcard", List.of(
                List.of("version", Map.of(), "text", "4.0"),
                List.of("fn", Map.of(), "text", "Example Bank"),
                List.of("logo", Map.of(), "uri", LOGO)));
        RcdDraft withCard = new RcdDraft("Example Bank", null, null, jcard, null, null, true, false);
        String identity = service(plainCredential()).sign(GRANT, draft(withCard));
        String payload = payload(identity);
        String canonicalCard = "[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"Example Bank\"],"
                + "[\"logo\",{},\"uri\",\"" + LOGO + "\"]]]";
        assertTrue(payload.contains("\"rcdi\":{\"/jcd\":\"" + sha256(canonicalCard.getBytes(StandardCharsets.UTF_8))
                + "\",\"/jcd/1/2/3\":\"" + sha256(LOGO_BYTES) + "\"}"), payload);

        VerificationResult result = verify(identity);
        assertEquals(RcdResult.Status.VERIFIED, result.rcd().status(), result.rcd().reason());
        assertEquals(RcdResult.Digest.VERIFIED, result.rcd().jcd());
        assertEquals("/jcd/1/2/3", result.rcd().links().get(0).pointer());
    }

    @Test
    void aLinkThatCannotBeFetchedAtSigningIs400() {
        RcdDraft missing = new RcdDraft("Example Bank", null, "https://logos.example.test/none.png", null, null, null, true, false);
        ProblemException e = assertThrows(ProblemException.class, () -> service(plainCredential()).sign(GRANT, draft(missing)));
        assertEquals(ProblemType.MALFORMED, e.type());
        assertTrue(e.getMessage().contains("signingRequest.rcd.icn"), e.getMessage());
        RcdDraft plainHttp = new RcdDraft("Example Bank", null, "http://logos.example.test/bank.png", null, null, null, true, false);
        assertThrows(ProblemException.class, () -> service(plainCredential()).sign(GRANT, draft(plainHttp)));
    }
}
