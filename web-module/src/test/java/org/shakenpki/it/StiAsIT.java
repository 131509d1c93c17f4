package org.shakenpki.it;

import com.nimbusds.jose.util.JSONStringUtils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.net.WebhookSignature;
import org.shakenpki.pkix.Pem;
import org.shakenpki.stir.RemoteCredentialsProbe;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The STI-AS on a real Payara Micro over HTTPS, signing with an SP-KMS credential this server's STI-CA issued:
 * signing requests without a key, with an unknown or a revoked key (401 with a Bearer challenge), beyond the
 * key's SPCs or attestation (403), with a caller's iat off the clock; a good key's PASSporT verified by the
 * STI-VS and by secsipidx, and a PASSporT secsipidx signed verified by the STI-VS; Rich Call Data (RFC 9795) signed
 * into the SHAKEN PASSporT and as a ppt rcd PASSporT, verified with its logo digest, and failed once the logo
 * served no longer matches.
 */
@ExtendWith(ArquillianExtension.class)
class StiAsIT {
    private static final String HTTPS = "https://localhost:" + System.getProperty("it.https.port", "18443");
    private static final String ACCOUNT = "local-sp";
    private static final String FROM = "12155550121";
    private static final String TO = "12155550131";
    private static final String UNAUTHENTICATED = "urn:shaken-pki:problem:unauthenticated";
    private static final String FORBIDDEN = "urn:shaken-pki:problem:forbidden";
    private static final String MALFORMED = "urn:ietf:params:acme:error:malformed";
    /** The SPC this class's credential is issued for, once per server run. */
    private static String spc;

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(StiAsIT.class, ItChains.class, ItRcd.class, RemoteCredentialsProbe.class);
    }

    private static URI base() {
        return URI.create(HTTPS + "/");
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("it.data.dir"));
    }

    // --- provisioning: STI-PA account, the STI-CA on the trust list, an SP-KMS credential ------------------

    /**
     * An SPC with an ACTIVE SP-KMS credential that chains to an STI-CA on the STI-PA trust list. Both STI-CA roots
     * the tests sign under (this server's and the synthetic foreign one) are put on the trust list here, before
     * any verification: the STI-VS keeps the trust list it read until the list's {@code exp}.
     */
    private static synchronized String credential() throws Exception {
        if (spc != null) {
            return spc;
        }
        StiPaClient pa = new StiPaClient(base());
        LocalServiceProvider.ensure(pa);
        String fresh = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + fresh + "\"}"), 201);
        trust(check(Http.get(base().resolve("sti-ca/root.pem")), 200).body());
        trust(resource("vectors/ca-root.pem"));

        check(Http.send(kms("kms/v1/credentials").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"spc\":\"" + fresh + "\"}"))), 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> credential = Map.of();
        while (System.nanoTime() < deadline) {
            credential = Http.json(check(Http.send(kms("kms/v1/credentials/" + fresh).GET()), 200));
            if ("ACTIVE".equals(credential.get("state"))) {
                spc = fresh;
                return spc;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no certificate for " + fresh + ": " + credential);
    }

    private static void trust(String rootPem) throws Exception {
        check(new StiPaClient(base()).admin("POST", "api/v1/admin/trust-anchors",
                "{\"certificate\":" + JSONStringUtils.toJSONString(rootPem) + "}"), 201);
    }

    private static HttpRequest.Builder kms(String path) throws Exception {
        String token = Files.readString(dataDir().resolve("kms/admin.token")).strip();
        return HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token);
    }

    // --- the STI-AS APIs ------------------------------------------------------------------------------------

    private static HttpResponse<String> admin(String method, String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("stir/v1/admin/api-keys" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    private static String adminToken() throws Exception {
        return "Bearer " + Files.readString(dataDir().resolve("as/admin.token")).strip();
    }

    /** Creates an API key; returns its JSON (with the secret under {@code apiKey}). */
    private static Map<String, Object> newKey(String maxAttest, String... spcs) throws Exception {
        String list = String.join("\",\"", spcs);
        HttpResponse<String> created = check(admin("POST", "", "{\"name\":\"it pbx\",\"spcs\":[\"" + list + "\"],\"maxAttest\":\""
                + maxAttest + "\"}", adminToken()), 201);
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/stir/v1/admin/api-keys/"
                + Http.json(created).get("id")), created.headers().toString());
        return Http.json(created);
    }

    private static String secret(Map<String, Object> key) {
        return (String) key.get("apiKey");
    }

    private static String request(String attest, String extra) {
        return "{\"signingRequest\":{\"attest\":\"" + attest + "\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"orig\":{\"tn\":\""
                + FROM + "\"}" + extra + "}}";
    }

    private static HttpResponse<String> sign(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("stir/v1/signing"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    private static String identity(HttpResponse<String> signed) throws Exception {
        check(signed, 200);
        return (String) ((Map<?, ?>) Http.json(signed).get("signingResponse")).get("identity");
    }

    private static Map<String, Object> verify(String from, String identity) throws Exception {
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + from + "\"},\"to\":{\"tn\":[\"" + TO + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond() + ",\"identity\":" + JSONStringUtils.toJSONString(identity) + "}}";
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) Http.json(check(Http.post(base().resolve("stir/v1/verification"),
                "application/json", body), 200)).get("verificationResponse");
        return result;
    }

    private static String challenge(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("(none)");
    }

    // --- the tests ------------------------------------------------------------------------------------------

    @Test
    @RunAsClient
    void signingWithoutAValidKeyIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> none = sign(null, request("A", ""));
        assertProblem(none, 401, UNAUTHENTICATED);
        assertEquals("Bearer realm=\"sti-as\"", challenge(none));

        HttpResponse<String> unknown = sign("Bearer shakenas_" + "x".repeat(43), request("A", ""));
        assertProblem(unknown, 401, UNAUTHENTICATED);
        assertEquals("Bearer realm=\"sti-as\", error=\"invalid_token\"", challenge(unknown));

        assertProblem(sign("Basic " + Base64.getEncoder().encodeToString("admin:x".getBytes(StandardCharsets.UTF_8)),
                request("A", "")), 401, UNAUTHENTICATED);
        assertProblem(sign(adminToken(), request("A", "")), 401, UNAUTHENTICATED);
        // authenticated before the body is read: an outsider learns nothing of the request format
        assertProblem(sign(null, "{not json"), 401, UNAUTHENTICATED);
    }

    @Test
    @RunAsClient
    void jsonNested5000DeepIs401WithoutAKeyAndMalformedWithOne() throws Exception {
        String key = "Bearer " + secret(newKey("A", "1234"));
        for (String deep : new String[] {HostileInput.deepArrays(HostileInput.DEPTH), HostileInput.deepObjects(HostileInput.DEPTH),
            "{\"signingRequest\":" + HostileInput.deepObjects(HostileInput.DEPTH) + "}"}) {
            assertProblem(sign(null, deep), 401, UNAUTHENTICATED);
            HostileInput.assertTooDeep(sign(key, deep));
        }
    }

    @Test
    @RunAsClient
    void theRemoteCredentialSourceRefusesAForgedNotificationAndSwitchesOnAGenuineOneOverTheRealToken() throws Exception {
        String spc = credential();
        Map<String, Object> credential = Http.json(check(Http.send(kms("kms/v1/credentials/" + spc).GET()), 200));
        String keyAlias = (String) credential.get("keyAlias");
        String x5u = (String) credential.get("certificateUrl");
        String query = "spc=" + spc + "&keyAlias=" + URLEncoder.encode(keyAlias, StandardCharsets.UTF_8)
                + "&x5u=" + URLEncoder.encode(x5u, StandardCharsets.UTF_8);

        HttpResponse<String> report = check(Http.send(HttpRequest.newBuilder(base().resolve("it-remote-credentials?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())), 200);

        assertEquals("forged: UNAUTHENTICATED\nusable after forged: 0\ngenuine: " + spc + " " + x5u + " verifies true\n",
                report.body());
    }

    @Test
    @RunAsClient
    void theNotificationsEndpointIs404WhileTheLocalSpKmsIsTheSource() throws Exception {
        String body = "{\"event\":\"credential.issued\",\"spc\":\"1234\",\"keyAlias\":\"k\",\"certificateUrl\":\"" + HTTPS + "/x.pem\"}";
        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(base().resolve("stir/v1/credential-notifications"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign("webhook-secret-for-tests", Instant.now(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals("this STI-AS takes its credentials from the SP-KMS of its own deployment (shakenpki.as.credentials=local)",
                assertProblem(refused, 404, "urn:shaken-pki:problem:not-found").get("detail"));
    }

    @Test
    @RunAsClient
    void aRevokedKeyIs401() throws Exception {
        String spc = credential();
        Map<String, Object> key = newKey("A", spc);
        identity(sign("Bearer " + secret(key), request("A", "")));

        Map<String, Object> revoked = Http.json(check(admin("POST", "/" + key.get("id") + "/revoke", null, adminToken()), 200));
        assertEquals(true, revoked.get("revoked"));
        HttpResponse<String> refused = sign("Bearer " + secret(key), request("A", ""));
        Map<String, Object> problem = assertProblem(refused, 401, UNAUTHENTICATED);
        assertEquals("the API key " + key.get("id") + " is revoked", problem.get("detail"));
        assertTrue(challenge(refused).startsWith("Bearer realm=\"sti-as\""), challenge(refused));
    }

    @Test
    @RunAsClient
    void anSpcOrAnAttestationBeyondTheKeyIs403() throws Exception {
        String spc = credential();
        String partial = "Bearer " + secret(newKey("B", spc));
        Map<String, Object> tooStrong = assertProblem(sign(partial, request("A", "")), 403, FORBIDDEN);
        assertEquals("the API key may assert attestation B at most, not A", tooStrong.get("detail"));
        assertProblem(sign(partial, request("B", ",\"spc\":\"" + spc + "X\"")), 403, FORBIDDEN);
        assertEquals("B", verify(FROM, identity(sign(partial, request("B", "")))).get("attest"));
        assertEquals("C", verify(FROM, identity(sign(partial, request("C", "")))).get("attest"));

        String other = "Bearer " + secret(newKey("A", "0000", "0001"));
        Map<String, Object> unbound = assertProblem(sign(other, request("A", ",\"spc\":\"" + spc + "\"")), 403, FORBIDDEN);
        assertEquals("the API key is not bound to SPC " + spc, unbound.get("detail"));
    }

    @Test
    @RunAsClient
    void aGoodKeysPassportIsCanonicalAndVerifiesAtTheStiVs() throws Exception {
        String spc = credential();
        String key = "Bearer " + secret(newKey("A", spc));
        long now = Instant.now().getEpochSecond();
        String identity = identity(sign(key, request("A", ",\"iat\":" + now + ",\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"")));
        String x5u = identity.substring(identity.indexOf(";info=<") + 7, identity.indexOf(">;"));
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}",
                new String(Base64.getUrlDecoder().decode(identity.substring(0, identity.indexOf('.'))), StandardCharsets.UTF_8));

        Map<String, Object> passed = verify(FROM, identity);
        assertEquals("TN-Validation-Passed", passed.get("verstat"), String.valueOf(passed));
        assertEquals(spc, passed.get("spc"));
        assertEquals("A", passed.get("attest"));

        Map<String, Object> stale = assertProblem(sign(key, request("A", ",\"iat\":" + (now - 60))), 400, MALFORMED);
        assertTrue(((String) stale.get("detail")).startsWith("signingRequest.iat is "), String.valueOf(stale));
        Map<String, Object> origid = assertProblem(sign(key, request("A", ",\"origid\":\"1-1-1-1-1\"")), 400, MALFORMED);
        assertTrue(((String) origid.get("detail")).startsWith("signingRequest.origid"), String.valueOf(origid));
    }

    @Test
    @RunAsClient
    void theAdministrationApiNeedsItsTokenAndNeverShowsASecretAgain() throws Exception {
        HttpResponse<String> anonymous = admin("GET", "", null, null);
        assertProblem(anonymous, 401, UNAUTHENTICATED);
        assertEquals("Bearer realm=\"sti-as\"", challenge(anonymous));
        Map<String, Object> key = newKey("C", "1234");
        assertProblem(admin("GET", "", null, "Bearer " + secret(key)), 401, UNAUTHENTICATED);
        assertProblem(admin("POST", "", "{\"name\":\"x\",\"spcs\":[\"1234\"],\"maxAttest\":\"A\"}", "Bearer " + secret(key)),
                401, UNAUTHENTICATED);
        assertProblem(admin("POST", "/" + key.get("id") + "/revoke", null, null), 401, UNAUTHENTICATED);

        HttpResponse<String> listed = check(admin("GET", "", null, adminToken()), 200);
        assertTrue(listed.body().contains("\"id\":" + key.get("id")), listed.body());
        assertFalse(listed.body().contains(secret(key)), "the secret is shown once, at creation");
        assertFalse(listed.body().contains("apiKey"), listed.body());

        assertProblem(admin("POST", "", "{\"name\":\"x\",\"spcs\":[\"12 4;\"],\"maxAttest\":\"A\"}", adminToken()), 400, MALFORMED);
        assertProblem(admin("POST", "", "{\"name\":\"x\",\"spcs\":[\"1234\"],\"maxAttest\":\"D\"}", adminToken()), 400, MALFORMED);
        assertProblem(admin("POST", "/999999/revoke", null, adminToken()), 404, "urn:shaken-pki:problem:not-found");
    }

    @Test
    @RunAsClient
    void secsipidxVerifiesWhatTheStiAsSigns() throws Exception {
        String spc = credential();
        String identity = identity(sign("Bearer " + secret(newKey("A", spc)), request("A", "")));
        Path root = Files.createTempFile("sti-ca-root", ".pem");
        Files.writeString(root, check(Http.get(base().resolve("sti-ca/root.pem")), 200).body());
        try (Secsipidx.Verifier secsipidx = new Secsipidx.Verifier(root)) {
            assertTrue(secsipidx.verifies(identity), secsipidx.log());
            // the same check fails on a PASSporT whose claims were changed after signing
            String[] parts = identity.split("\\.", 3);
            String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(FROM, "12155550199")
                            .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            assertFalse(secsipidx.verifies(forged), secsipidx.log());
        }
        Path otherRoot = Files.createTempFile("other-root", ".pem");
        Files.writeString(otherRoot, resource("vectors/ca-root.pem"));
        try (Secsipidx.Verifier untrusting = new Secsipidx.Verifier(otherRoot)) {
            assertFalse(untrusting.verifies(identity), "secsipidx checks the chain: " + untrusting.log());
        }
    }

    @Test
    @RunAsClient
    void theStiVsVerifiesWhatSecsipidxSigns() throws Exception {
        credential();
        var crlSigner = Pem.certificates(check(Http.get(base().resolve("download/v1/certificate/sti-pa-crl-signer.crt")), 200)
                .body()).get(0);
        ForeignSigner foreign = ForeignSigner.create(HTTPS, "1234", crlSigner);
        String identity = Secsipidx.sign(foreign.keyFile(), foreign.x5u, FROM, TO, "A", UUID.randomUUID().toString());

        Map<String, Object> passed = verify(FROM, identity);
        assertEquals("TN-Validation-Passed", passed.get("verstat"), String.valueOf(passed));
        assertEquals("1234", passed.get("spc"));
        assertEquals("A", passed.get("attest"));

        Map<String, Object> otherCaller = verify("12155550199", identity);
        assertEquals("TN-Validation-Failed", otherCaller.get("verstat"), String.valueOf(otherCaller));
        assertEquals(438L, ((Number) otherCaller.get("sipResponseCode")).longValue());
    }

    private static String diversion(String identities, String div, String dest, String extra) {
        return "{\"signingRequest\":{\"identity\":" + identities + ",\"div\":{\"tn\":\"" + div + "\"},\"dest\":{\"tn\":[\""
                + dest + "\"]}" + extra + "}}";
    }

    private static Map<String, Object> verifyDiverted(String to, String... identities) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String identity : identities) {
            list.append(list.length() == 0 ? "" : ",").append(JSONStringUtils.toJSONString(identity));
        }
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + FROM + "\"},\"to\":{\"tn\":[\"" + to + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond() + ",\"identity\":[" + list + "]}}";
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) Http.json(check(Http.post(base().resolve("stir/v1/verification"),
                "application/json", body), 200)).get("verificationResponse");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<String, Object> verified, int index) {
        return (Map<String, Object>) ((java.util.List<Object>) verified.get("identities")).get(index);
    }

    /**
     * RFC 8946, ATIS-1000085 on the real server: a foreign provider (SPC 1234, openssl) signs the original A to B;
     * this STI-AS, as the diverting provider, signs div B to C and div-o C to D with its SP-KMS credential; the
     * STI-VS follows the chain of custody and reports each header. Then a div that does not follow, one signed
     * under a forged chain, and a div without its original.
     */
    @Test
    @RunAsClient
    void aDivertedCallIsSignedHereAndItsChainOfCustodyVerified() throws Exception {
        String spc = credential();
        String key = "Bearer " + secret(newKey("C", spc));
        var crlSigner = Pem.certificates(check(Http.get(base().resolve("download/v1/certificate/sti-pa-crl-signer.crt")), 200)
                .body()).get(0);
        ForeignSigner foreign = ForeignSigner.create(HTTPS, "1234", crlSigner);
        String c = "12155550141";
        String d = "12155550151";
        long now = Instant.now().getEpochSecond();
        String original = foreign.identity(FROM, TO, now);

        String div = identity(sign(key, diversion(JSONStringUtils.toJSONString(original), TO, c, "")));
        assertTrue(div.endsWith(";alg=ES256;ppt=div"), div);
        assertTrue(new String(Base64.getUrlDecoder().decode(div.split("\\.")[1]), StandardCharsets.UTF_8)
                .matches("\\{\"dest\":\\{\"tn\":\\[\"" + c + "\"]},\"div\":\\{\"tn\":\"" + TO + "\"},\"iat\":[0-9]+,\"orig\":\\{\"tn\":\""
                        + FROM + "\"}}"), div);
        Map<String, Object> once = verifyDiverted(c, original, div);
        assertEquals("TN-Validation-Passed", once.get("verstat"), String.valueOf(once));
        assertEquals("1234", once.get("spc"), "the overall result names the original's signer");
        assertEquals("div", header(once, 1).get("ppt"));
        assertEquals(spc, header(once, 1).get("spc"));
        assertEquals("TN-Validation-Passed", header(once, 1).get("verstat"));

        String divO = identity(sign(key, diversion("[" + JSONStringUtils.toJSONString(original) + ","
                + JSONStringUtils.toJSONString(div) + "]", c, d, ",\"ppt\":\"div-o\"")));
        assertTrue(divO.endsWith(";ppt=div-o"), divO);
        Map<String, Object> twice = verifyDiverted(d, divO, original, div);
        assertEquals("TN-Validation-Passed", twice.get("verstat"), String.valueOf(twice));
        assertEquals(3, ((java.util.List<?>) twice.get("identities")).size());

        String elsewhere = identity(sign(key, diversion(JSONStringUtils.toJSONString(foreign.identity(FROM, "12155550199", now)),
                "12155550199", c, "")));
        Map<String, Object> mismatch = verifyDiverted(c, original, elsewhere);
        assertEquals("TN-Validation-Failed", mismatch.get("verstat"), String.valueOf(mismatch));
        assertEquals(438L, ((Number) mismatch.get("sipResponseCode")).longValue());
        assertEquals("TN-Validation-Passed", header(mismatch, 0).get("verstat"));
        assertTrue(((String) header(mismatch, 1).get("reason")).contains("is not a destination"), String.valueOf(mismatch));

        String forged = foreign.selfSignedInFront().divIdentity(FROM, TO, c, now);
        Map<String, Object> untrusted = verifyDiverted(c, original, forged);
        assertEquals("TN-Validation-Failed", untrusted.get("verstat"), String.valueOf(untrusted));
        assertEquals(437L, ((Number) untrusted.get("sipResponseCode")).longValue());
        assertEquals(437L, ((Number) header(untrusted, 1).get("sipResponseCode")).longValue());

        Map<String, Object> alone = verifyDiverted(c, div);
        assertEquals("TN-Validation-Failed", alone.get("verstat"), String.valueOf(alone));
        assertEquals(438L, ((Number) alone.get("sipResponseCode")).longValue());

        Map<String, Object> notSentThere = assertProblem(sign(key, diversion(JSONStringUtils.toJSONString(original), c, d, "")),
                400, MALFORMED);
        assertEquals("signingRequest.div.tn " + c + " is not the destination of any incoming PASSporT", notSentThere.get("detail"));
    }

    /** Writes a logo served at /it-rcd/{file}; returns its URL. */
    private static String logo(String file, String content) throws Exception {
        Path dir = dataDir().resolve("it-rcd");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
        return HTTPS + "/it-rcd/" + file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rcd(Map<String, Object> verified) {
        return (Map<String, Object>) verified.get("rcd");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> icn(Map<String, Object> verified) {
        return (Map<String, Object>) rcd(verified).get("icn");
    }

    @Test
    @RunAsClient
    void richCallDataIsSignedVerifiedWithItsLogoDigestAndFailsWhenTheLogoChanges() throws Exception {
        String spc = credential();
        String key = "Bearer " + secret(newKey("A", spc));
        String file = "logo-" + UUID.randomUUID().toString().substring(0, 8) + ".png";
        String icn = logo(file, "the genuine logo");
        String rcd = ",\"rcd\":{\"nam\":\"Example Bank\",\"icn\":\"" + icn + "\"},\"crn\":\"Fraud alert\"";
        String identity = identity(sign(key, request("A", rcd)));
        String payload = new String(Base64.getUrlDecoder().decode(identity.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"rcdi\":{\"/icn\":\"sha256-"), payload);

        Map<String, Object> verified = verify(FROM, identity);
        assertEquals("TN-Validation-Passed", verified.get("verstat"), String.valueOf(verified));
        assertEquals("verified", rcd(verified).get("status"), String.valueOf(verified));
        assertEquals("Example Bank", rcd(verified).get("nam"));
        assertEquals("Fraud alert", rcd(verified).get("crn"));
        assertEquals(icn, icn(verified).get("url"));
        assertEquals("verified", icn(verified).get("digest"));

        logo(file, "a logo an attacker swapped in");
        Map<String, Object> swapped = verify(FROM, identity);
        assertEquals("TN-Validation-Passed", swapped.get("verstat"), "the TN validation stands: " + swapped);
        assertEquals("failed", rcd(swapped).get("status"), String.valueOf(swapped));
        assertEquals("mismatch", icn(swapped).get("digest"), String.valueOf(swapped));

        Path root = Files.createTempFile("sti-ca-root", ".pem");
        Files.writeString(root, check(Http.get(base().resolve("sti-ca/root.pem")), 200).body());
        try (Secsipidx.Verifier secsipidx = new Secsipidx.Verifier(root)) {
            assertTrue(secsipidx.verifies(identity), "secsipidx verifies the SHAKEN PASSporT with RCD claims: " + secsipidx.log());
        }
    }

    @Test
    @RunAsClient
    void aSeparateRcdPassportIsVerifiedBesideTheShakenOne() throws Exception {
        String spc = credential();
        String key = "Bearer " + secret(newKey("A", spc));
        String icn = logo("logo-separate-" + UUID.randomUUID().toString().substring(0, 8) + ".png", "a separate logo");
        HttpResponse<String> signed = check(sign(key, request("A", ",\"rcd\":{\"nam\":\"Example Bank\",\"icn\":\"" + icn
                + "\"},\"rcdPpt\":\"rcd\"")), 200);
        Map<?, ?> response = (Map<?, ?>) Http.json(signed).get("signingResponse");
        String shaken = (String) response.get("identity");
        String rcdPassport = (String) response.get("rcdIdentity");
        assertTrue(rcdPassport.endsWith(";ppt=rcd"), rcdPassport);
        Map<String, Object> verified = verifyDiverted(TO, shaken, rcdPassport);
        assertEquals("TN-Validation-Passed", verified.get("verstat"), String.valueOf(verified));
        assertEquals("verified", rcd(verified).get("status"), String.valueOf(verified));
        assertEquals("rcd", rcd(verified).get("ppt"));

        assertProblem(sign(key, request("A", ",\"rcd\":{\"icn\":\"http://localhost/logo.png\"}")), 400, MALFORMED);
        assertProblem(sign(key, request("A", ",\"rcd\":{\"icn\":\"" + HTTPS + "/it-rcd/absent.png\"}")), 400, MALFORMED);
    }

    /** A further SP-KMS credential whose CSRs request {@code constraints}; returns its SPC once it is ACTIVE. */
    private static String constrainedCredential(String constraints) throws Exception {
        credential();
        StiPaClient pa = new StiPaClient(base());
        String fresh = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + fresh + "\"}"), 201);
        check(Http.send(kms("kms/v1/credentials").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("{\"spc\":\"" + fresh + "\",\"jwtClaimConstraints\":" + constraints + "}"))), 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> credential = Map.of();
        while (System.nanoTime() < deadline) {
            credential = Http.json(check(Http.send(kms("kms/v1/credentials/" + fresh).GET()), 200));
            if ("ACTIVE".equals(credential.get("state"))) {
                return fresh;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no certificate for " + fresh + ": " + credential);
    }

    /**
     * RFC 8226 section 8 / RFC 9118 end to end: the SP-KMS requests JWT Claim Constraints in its CSR, this STI-CA
     * copies them into the certificate, the STI-AS signs with it, and the STI-VS rejects the PASSporT whose display
     * name the certificate does not permit.
     */
    @Test
    @RunAsClient
    void aCertificateWithClaimConstraintsFromTheSpKmsAndStiCaBindsThePassportsSignedWithIt() throws Exception {
        String vetted = JSONStringUtils.toJSONString("{\"nam\":\"Example Bank\"}");
        String spc = constrainedCredential("{\"mustInclude\":[\"rcd\"],\"permittedValues\":{\"rcd\":[" + vetted + "]}}");
        String key = "Bearer " + secret(newKey("A", spc));
        String good = identity(sign(key, request("A", ",\"spc\":\"" + spc + "\",\"rcd\":{\"nam\":\"Example Bank\"}")));
        Map<String, Object> passed = verify(FROM, good);
        assertEquals("TN-Validation-Passed", passed.get("verstat"), String.valueOf(passed));
        assertEquals("verified", rcd(passed).get("status"), String.valueOf(passed));

        String evil = identity(sign(key, request("A", ",\"spc\":\"" + spc + "\",\"rcd\":{\"nam\":\"Evil Bank\"}")));
        Map<String, Object> refused = verify(FROM, evil);
        assertEquals("TN-Validation-Failed", refused.get("verstat"), String.valueOf(refused));
        assertEquals(438L, ((Number) refused.get("sipResponseCode")).longValue());
        assertTrue(((String) refused.get("reason")).contains("JWT Claim Constraints"), String.valueOf(refused));

        Map<String, Object> bare = verify(FROM, identity(sign(key, request("A", ",\"spc\":\"" + spc + "\""))));
        assertEquals("TN-Validation-Failed", bare.get("verstat"), "mustInclude rcd: " + bare);

        assertProblem(Http.send(kms("kms/v1/credentials").header("Content-Type", "application/json").POST(HttpRequest
                .BodyPublishers.ofString("{\"spc\":\"R0000001\",\"jwtClaimConstraints\":{\"mustInclude\":\"rcd\"}}"))), 400,
                MALFORMED);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = StiAsIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
