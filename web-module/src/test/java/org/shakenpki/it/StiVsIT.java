package org.shakenpki.it;

import com.nimbusds.jose.util.JSONStringUtils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.pkix.Pem;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The STI-VS on a real Payara Micro, over HTTPS, verifying PASSporTs signed outside this project's code (openssl,
 * with a certificate under the synthetic STI-CA, whose root the test puts on the STI-PA trust list), against the
 * STI-PA's own ca-list and indirect CRL: passed, then revoked through the STI-PA, a TN mismatch, a stale iat,
 * and requests that cannot be read.
 */
@ExtendWith(ArquillianExtension.class)
class StiVsIT {
    private static final String HTTPS = "https://localhost:" + System.getProperty("it.https.port", "18443");
    private static final String FROM = "12155550121";
    private static final String TO = "12155550131";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(StiVsIT.class, ItChains.class, HostileInput.class);
    }

    private static URI base() {
        return URI.create(HTTPS + "/");
    }

    private static ForeignSigner foreignSigner() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        check(pa.admin("POST", "api/v1/admin/trust-anchors",
                "{\"certificate\":" + JSONStringUtils.toJSONString(resource("vectors/ca-root.pem")) + "}"), 201);
        var signer = check(Http.get(base().resolve("download/v1/certificate/sti-pa-crl-signer.crt")), 200);
        X509Certificate crlSigner = Pem.certificates(signer.body()).get(0);
        return ForeignSigner.create(HTTPS, "1234", crlSigner);
    }

    private static Map<String, Object> verify(String from, String to, String identity) throws Exception {
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + from + "\"},\"to\":{\"tn\":[\"" + to + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond()
                + (identity == null ? "" : ",\"identity\":" + JSONStringUtils.toJSONString(identity)) + "}}";
        HttpResponse<String> response = check(Http.post(base().resolve("stir/v1/verification"), "application/json", body), 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) Http.json(response).get("verificationResponse");
        return result;
    }

    @Test
    @RunAsClient
    void anOpensslSignedPassportPassesUntilItsCertificateIsRevoked() throws Exception {
        ForeignSigner signer = foreignSigner();
        Map<String, Object> passed = verify("+1 215 555 0121", TO, signer.identity(FROM, TO, Instant.now().getEpochSecond()));
        assertEquals("TN-Validation-Passed", passed.get("verstat"), String.valueOf(passed));
        assertEquals("1234", passed.get("spc"));
        assertEquals("A", passed.get("attest"));
        assertFalse(passed.containsKey("sipResponseCode"));

        StiPaClient pa = new StiPaClient(base());
        // the certificate with its chain: the STI-PA revokes what it can validate, not a bare first PEM block
        check(pa.admin("POST", "api/v1/revocations", "{\"certificate\":"
                + JSONStringUtils.toJSONString(signer.leafPem + resource("vectors/ca-intermediate.pem"))
                + ",\"reason\":\"keyCompromise\"}"), 200);

        Map<String, Object> revoked = verify(FROM, TO, signer.identity(FROM, TO, Instant.now().getEpochSecond()));
        assertEquals("TN-Validation-Failed", revoked.get("verstat"), String.valueOf(revoked));
        assertEquals("certificate-revoked", revoked.get("failure"));
        assertEquals(437L, ((Number) revoked.get("sipResponseCode")).longValue());
        assertTrue(((String) revoked.get("reason")).contains("keyCompromise"), String.valueOf(revoked));
    }

    @Test
    @RunAsClient
    void aSelfSignedCertificateInFrontOfAGenuineChainFails() throws Exception {
        ForeignSigner attacker = foreignSigner().selfSignedInFront();
        Map<String, Object> result = verify(FROM, TO, attacker.identity(FROM, TO, Instant.now().getEpochSecond()));
        assertEquals("TN-Validation-Failed", result.get("verstat"), String.valueOf(result));
        assertEquals("unsupported-credential", result.get("failure"), String.valueOf(result));
        assertEquals(437L, ((Number) result.get("sipResponseCode")).longValue());
    }

    @Test
    @RunAsClient
    void anX5uThatRedirectsTricklesOrPointsAtASpecialAddressFails436() throws Exception {
        ForeignSigner signer = foreignSigner();
        String file = signer.x5u.substring(signer.x5u.lastIndexOf('/') + 1);
        String port = System.getProperty("it.https.port", "18443");
        long now = Instant.now().getEpochSecond();
        for (String x5u : new String[] {
            signer.x5u.replace("/it-cr/", "/it-cr/redirect/"),
            "https://0.0.0.0:" + port + "/it-cr/" + file,
        }) {
            Map<String, Object> result = verify(FROM, TO, signer.withX5u(x5u).identity(FROM, TO, now));
            assertEquals("bad-identity-info", result.get("failure"), x5u + ": " + result);
            assertEquals(436L, ((Number) result.get("sipResponseCode")).longValue());
        }
        long started = System.nanoTime();
        Map<String, Object> slow = verify(FROM, TO,
                signer.withX5u(signer.x5u.replace("/it-cr/", "/it-cr/slow/")).identity(FROM, TO, now));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals("bad-identity-info", slow.get("failure"), String.valueOf(slow));
        // the chain takes over 4 minutes to trickle; the fetch deadline is 10 s
        assertTrue(seconds < 20, "the slow x5u held the verifier for " + seconds + " s");
    }

    @Test
    @RunAsClient
    void aTnMismatchAndAStaleIatFail() throws Exception {
        ForeignSigner signer = foreignSigner();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> mismatch = verify("12155550199", TO, signer.identity(FROM, TO, now));
        assertEquals("TN-Validation-Failed", mismatch.get("verstat"), String.valueOf(mismatch));
        assertEquals(438L, ((Number) mismatch.get("sipResponseCode")).longValue());
        assertEquals("Invalid Identity Header", mismatch.get("sipReasonPhrase"));

        Map<String, Object> stale = verify(FROM, TO, signer.identity(FROM, TO, now - 120));
        assertEquals("TN-Validation-Failed", stale.get("verstat"), String.valueOf(stale));
        assertEquals(403L, ((Number) stale.get("sipResponseCode")).longValue());
        assertEquals("Stale Date", stale.get("sipReasonPhrase"));

        Map<String, Object> badPort = verify(FROM, TO, signer.identity(FROM, TO, now)
                .replace("localhost:" + System.getProperty("it.https.port", "18443"), "localhost:9443"));
        assertEquals("TN-Validation-Failed", badPort.get("verstat"), String.valueOf(badPort));
    }

    @Test
    @RunAsClient
    void aCallWithoutIdentityIs428AndUnreadableRequestsAre400() throws Exception {
        Map<String, Object> none = verify(FROM, TO, null);
        assertEquals("No-TN-Validation", none.get("verstat"));
        assertEquals(428L, ((Number) none.get("sipResponseCode")).longValue());

        var badTn = Http.post(base().resolve("stir/v1/verification"), "application/json",
                "{\"verificationRequest\":{\"from\":{\"tn\":\"not a number\"},\"to\":{\"tn\":[\"" + TO + "\"]},\"identity\":\"x\"}}");
        Map<String, Object> problem = ProblemAssertions.assertProblem(badTn, 400, "urn:ietf:params:acme:error:malformed");
        assertTrue(((String) problem.get("detail")).contains("verificationRequest.from.tn"), String.valueOf(problem));

        var noTo = Http.post(base().resolve("stir/v1/verification"), "application/json",
                "{\"verificationRequest\":{\"from\":{\"tn\":\"" + FROM + "\"},\"identity\":\"x\"}}");
        problem = ProblemAssertions.assertProblem(noTo, 400, "urn:ietf:params:acme:error:malformed");
        assertTrue(((String) problem.get("detail")).contains("verificationRequest.to"), String.valueOf(problem));

        var notJson = Http.post(base().resolve("stir/v1/verification"), "application/json", "{\"verificationRequest\":");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertFalse(notJson.body().contains("Exception"), notJson.body());
    }

    /**
     * The two STIR endpoints are servlets, not JAX-RS resources (JsonPostServlet): they refuse what JAX-RS refused,
     * with the same problem documents, and the signing endpoint checks the media type before the API key, as the
     * JAX-RS routing did.
     */
    @Test
    @RunAsClient
    void theStirServletsRefuseAWrongMethodMediaTypeAcceptOrSizeAsTheApiDoes() throws Exception {
        for (String path : new String[] {"stir/v1/verification", "stir/v1/signing"}) {
            URI uri = base().resolve(path);
            var get = Http.get(uri);
            ProblemAssertions.assertProblem(get, 405, "urn:shaken-pki:problem:method-not-allowed");
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""), path);
            ProblemAssertions.assertProblem(Http.post(uri, "text/plain", "{}"), 415, "urn:shaken-pki:problem:unsupported-media-type");
            ProblemAssertions.assertProblem(Http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                    406, "urn:shaken-pki:problem:not-acceptable");
            String big = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";
            ProblemAssertions.assertProblem(Http.post(uri, "application/json", big), 413, "urn:shaken-pki:problem:payload-too-large");
            // the same body without a declared length (chunked): refused while it is read
            var chunked = Http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
            int expected = path.endsWith("signing") ? 401 : 413; // the STI-AS wants its key before it reads a body
            assertEquals(expected, chunked.statusCode(), path + ": " + chunked.body());
        }
        var array = Http.post(base().resolve("stir/v1/verification"), "application/json", "[1]");
        ProblemAssertions.assertProblem(array, 400, "urn:ietf:params:acme:error:malformed");
    }

    /**
     * A PASSporT with the given {@code iat} JSON text and a meaningless signature: the claims are checked before any
     * x5u fetch or signature check, so nothing is fetched.
     */
    private static String passportWithIat(String iatJson) {
        String x5u = HTTPS + "/sti-cr/never-fetched.pem";
        String header = "{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}";
        String payload = "{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"iat\":" + iatJson
                + ",\"orig\":{\"tn\":\"" + FROM + "\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}";
        return b64(header) + "." + b64(payload) + ".AAAA;info=<" + x5u + ">;alg=ES256;ppt=shaken";
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @RunAsClient
    void absurdIatsAreVerificationFailuresNeverServerErrors() throws Exception {
        // integral NumericDates no call can be fresh against: 403 Stale Date (RFC 8224 section 6.2.1)
        for (String iat : new String[] {"100000000000000000", "1e17", "1e300", "-1", "-100000000000000000", "\"999999999999\"",
                "12345678901234567890123456789"}) {
            Map<String, Object> result = verify(FROM, TO, passportWithIat(iat));
            assertEquals("TN-Validation-Failed", result.get("verstat"), iat + ": " + result);
            assertEquals(403L, ((Number) result.get("sipResponseCode")).longValue(), iat + ": " + result);
            assertEquals("stale-date", result.get("failure"), iat + ": " + result);
        }
        // not a NumericDate at all: 438 Invalid Identity Header
        for (String iat : new String[] {"1.5", "\"abc\"", "\"1e17\"", "true", "null", "{}", "[1]", "1e400"}) {
            Map<String, Object> result = verify(FROM, TO, passportWithIat(iat));
            assertEquals("TN-Validation-Failed", result.get("verstat"), iat + ": " + result);
            assertEquals(438L, ((Number) result.get("sipResponseCode")).longValue(), iat + ": " + result);
        }
    }

    @Test
    @RunAsClient
    void anOutOfRangeRequestTimeIsA400NamingTheMember() throws Exception {
        for (String time : new String[] {"100000000000000000", "1e17", "1e300", "-1", "\"999999999999\"", "\"+10000-01-01T00:00:00Z\"",
                "1.5", "true"}) {
            String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + FROM + "\"},\"to\":{\"tn\":[\"" + TO + "\"]},"
                    + "\"time\":" + time + ",\"identity\":\"x\"}}";
            var response = Http.post(base().resolve("stir/v1/verification"), "application/json", body);
            Map<String, Object> problem = ProblemAssertions.assertProblem(response, 400, "urn:ietf:params:acme:error:malformed");
            assertTrue(((String) problem.get("detail")).contains("verificationRequest.time"), time + ": " + problem);
        }
    }

    @Test
    @RunAsClient
    void jsonNested5000DeepIsMalformedAtTheStirEndpointsAndInsideAPassport() throws Exception {
        for (String path : new String[] {"stir/v1/verification"}) {
            for (String deep : new String[] {HostileInput.deepArrays(HostileInput.DEPTH), HostileInput.deepObjects(HostileInput.DEPTH)}) {
                HostileInput.assertTooDeep(Http.post(base().resolve(path), "application/json", deep));
                HostileInput.assertTooDeep(Http.post(base().resolve(path), "application/json",
                        "{\"verificationRequest\":{\"from\":" + deep + "},\"signingRequest\":" + deep + "}"));
            }
        }
        // a deep PASSporT header or payload, inside a well-formed request: the PASSporT is malformed (438)
        String x5u = HTTPS + "/sti-cr/never-fetched.pem";
        String header = b64("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}");
        String deepHeader = b64("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\",\"x\":"
                + HostileInput.deepArrays(HostileInput.DEPTH) + "}");
        String payload = b64("{\"attest\":\"A\",\"deep\":" + HostileInput.deepObjects(HostileInput.DEPTH) + "}");
        for (String jws : new String[] {deepHeader + "." + b64("{}") + ".AAAA", header + "." + payload + ".AAAA"}) {
            Map<String, Object> result = verify(FROM, TO, jws + ";info=<" + x5u + ">;alg=ES256;ppt=shaken");
            assertEquals("TN-Validation-Failed", result.get("verstat"), String.valueOf(result));
            assertEquals(438L, ((Number) result.get("sipResponseCode")).longValue(), String.valueOf(result));
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = StiVsIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
