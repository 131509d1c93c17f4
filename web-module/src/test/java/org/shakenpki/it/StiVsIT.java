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
        return Deployments.builtWar(StiVsIT.class, ItChains.class);
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

    private static String resource(String name) throws Exception {
        try (InputStream in = StiVsIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
