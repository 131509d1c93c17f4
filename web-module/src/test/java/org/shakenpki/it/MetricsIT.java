package org.shakenpki.it;

import com.nimbusds.jose.util.JSONStringUtils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.metrics.Meter;
import org.shakenpki.pkix.Pem;
import org.shredzone.acme4j.Status;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The application metrics of {@code /metrics?scope=application} on the real server, as a Prometheus server scrapes
 * them: after the demo's flow (an SP-KMS credential obtained over ACME with an STI-PA SPC token, a PASSporT signed
 * by the STI-AS and verified by the STI-VS, a revocation at the STI-PA) and a few refusals, each counter has moved
 * by exactly what the test did, and the CRL gauge reaches the number of the CRL the revocation published.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {
    private static final String HTTPS = "https://localhost:" + System.getProperty("it.https.port", "18443");
    private static final String ACCOUNT = "local-sp";
    private static final String FROM = "12155550121";
    private static final String TO = "12155550131";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(MetricsIT.class);
    }

    private static URI base() {
        return URI.create(HTTPS + "/");
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("it.data.dir"));
    }

    @Test
    @RunAsClient
    void theCountersMoveByWhatTheFlowDid() throws Exception {
        PrometheusScrape before = PrometheusScrape.of(base());

        // issuance: one SP-KMS credential = an SPC token, an ACME order, a valid tkauth-01, an issuance
        Map<String, Object> credential = activeCredential();
        // a tkauth-01 response that is not a token: an order and an invalid authorization
        AcmeFlows.Started refused = AcmeFlows.start("2000");
        refused.challenge().setAuthorityToken("not-a-token");
        refused.challenge().trigger();
        assertEquals(Status.INVALID, refused.challenge().waitForCompletion(Duration.ofSeconds(10)));
        PrometheusScrape issued = PrometheusScrape.of(base());

        // signing: one PASSporT, one refusal (a stale iat)
        String key = "Bearer " + apiKey((String) credential.get("spc"));
        String identity = identity(sign(key, "{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO
                + "\"]},\"orig\":{\"tn\":\"" + FROM + "\"}}}"));
        assertEquals(400, sign(key, "{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"orig\":{\"tn\":\""
                + FROM + "\"},\"iat\":" + (Instant.now().getEpochSecond() - 600) + "}}").statusCode());
        PrometheusScrape signed = PrometheusScrape.of(base());

        // verification: passed twice (the x5u fetched, then from the cache), failed once for the calling number, which
        // is refused before the x5u is looked up
        assertEquals("TN-Validation-Passed", verify(FROM, identity).get("verstat"));
        assertEquals("TN-Validation-Passed", verify(FROM, identity).get("verstat"));
        Map<String, Object> mismatch = verify("12155550199", identity);
        assertEquals("TN-Validation-Failed", mismatch.get("verstat"), String.valueOf(mismatch));
        String reason = (String) mismatch.get("failure");

        // STI-PA: a failed login and a revocation by issuer and serial
        StiPaClient pa = new StiPaClient(base());
        assertEquals(401, pa.loginResponse("admin", "not-the-password").statusCode());
        X509Certificate leaf = Pem.certificates((String) credential.get("certificateChain")).get(0);
        HttpResponse<String> revoked = check(pa.admin("POST", "api/v1/revocations", "{\"issuer\":"
                + JSONStringUtils.toJSONString(leaf.getIssuerX500Principal().getName()) + ",\"serialNumber\":\""
                + new BigInteger(64, new SecureRandom()).setBit(63).toString(16) + "\",\"reason\":\"keyCompromise\"}"), 200);
        long crlNumber = ((Number) Http.json(revoked).get("crlNumber")).longValue();
        PrometheusScrape after = PrometheusScrape.of(base());

        Delta d = new Delta(before, after);
        d.is(2, "shakenpki_acme_orders_total");
        d.is(1, "shakenpki_acme_authorizations_total", "result", "valid");
        d.is(1, "shakenpki_acme_authorizations_total", "result", "invalid");
        d.is(1, "shakenpki_acme_tkauth_failures_total", "reason", "incorrectResponse");
        d.is(1, "shakenpki_ca_issuances_total");
        d.is(1, "shakenpki_ca_issuance_duration_seconds_count");
        d.is(1, "shakenpki_pa_spc_tokens_total", "result", "issued");
        d.is(0, "shakenpki_pa_spc_tokens_total", "result", "refused");
        d.is(1, "shakenpki_as_signatures_total", "ppt", "shaken", "attestation", "A", "result", "signed");
        d.is(1, "shakenpki_as_signatures_total", "ppt", "shaken", "attestation", "A", "result", "malformed");
        d.is(2, "shakenpki_vs_verifications_total", "verstat", "TN-Validation-Passed", "reason", "none");
        d.is(1, "shakenpki_vs_verifications_total", "verstat", "TN-Validation-Failed", "reason", reason);
        d.is(3, "shakenpki_vs_verification_duration_seconds_count");
        d.is(1, "shakenpki_x5u_cache_lookups_total", "result", "miss");
        d.is(1, "shakenpki_x5u_cache_lookups_total", "result", "hit");
        d.is(1, "shakenpki_x5u_fetch_duration_seconds_count");
        d.is(1, "shakenpki_vs_chain_validations_total");
        d.is(0, "shakenpki_x5u_fetch_failures_total");
        d.is(1, "shakenpki_pa_logins_total", "result", "failure");
        d.is(1, "shakenpki_revocations_total", "authority", "sti-pa", "result", "revoked");
        // the STI-AS signature is the one signature on the kms token between these two scrapes
        new Delta(issued, signed).is(1, "shakenpki_hsm_sign_duration_seconds_count", "token", "kms");
        assertTrue(new Delta(before, issued).of("shakenpki_hsm_sign_duration_seconds_count", "token", "ca") >= 1,
                "the STI-CA signed the certificate on its token");

        // every metric of the catalogue that this flow exercised is exported under the name the README gives
        for (Meter meter : Meter.values()) {
            if (meter.kind() != Meter.Kind.GAUGE && meter != Meter.FETCH_FAILURES && meter != Meter.X5U_FETCH_FAILURES
                    && meter != Meter.AUDIT_SEAL_FAILURES) {
                assertTrue(after.has(meter.exportedNames().get(meter.kind() == Meter.Kind.TIMER ? 1 : 0)), meter + "\n" + after.text);
            }
        }

        // the gauges read a snapshot taken every 15 s while scraped: wait for the first one taken after the revocation
        // (its CRL number) that also carries this SPC's credential (the snapshots of other SPCs may come first)
        String spc = (String) credential.get("spc");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        PrometheusScrape gauges = after;
        while ((gauges.value("shakenpki_pa_crl_number") != crlNumber
                || !gauges.has("shakenpki_kms_credential_expiry_days", "spc", spc)) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            gauges = PrometheusScrape.of(base());
        }
        assertEquals(crlNumber, (long) gauges.value("shakenpki_pa_crl_number"), gauges.text);
        assertTrue(gauges.value("shakenpki_pa_crl_validity_seconds") > 0, gauges.text);
        assertTrue(gauges.value("shakenpki_kms_credentials", "state", "active") >= 1, gauges.text);
        assertTrue(gauges.value("shakenpki_kms_credential_expiry_days", "spc", spc) > 0, gauges.text);
        assertEquals(1.0, gauges.value("shakenpki_hsm_token_online", "token", "kms"), gauges.text);
        assertTrue(gauges.value("shakenpki_audit_seal_lag_seconds") < 60, gauges.text);
    }

    @Test
    @RunAsClient
    void aRequestIdIsEchoedAndRecordedWithTheAuditRecordsItWrites() throws Exception {
        String account = "RID" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        HttpResponse<String> created = check(Http.send(HttpRequest.newBuilder(base().resolve("api/v1/admin/accounts"))
                .header("Authorization", StiPaClient.adminBasic()).header("Content-Type", "application/json")
                .header("X-Request-Id", "lb-" + account)
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"" + account + "\",\"name\":\"Rid\",\"spcs\":[]}"))), 201);
        assertEquals("lb-" + account, created.headers().firstValue("X-Request-Id").orElse(null));

        HttpResponse<String> audit = check(new StiPaClient(base()).admin("GET", "api/v1/admin/audit?limit=5&subject=account:" + account, null), 200);
        assertTrue(audit.body().contains("\"requestId\":\"lb-" + account + "\""), audit.body());

        // an id that is not a short token (a space, too long, separators) is replaced, never echoed
        for (String hostile : new String[] {"two words", "x".repeat(65), "a;b=c", "<script>"}) {
            HttpResponse<String> health = Http.send(HttpRequest.newBuilder(base().resolve("health")).header("X-Request-Id", hostile).GET());
            String id = health.headers().firstValue("X-Request-Id").orElse("");
            assertTrue(id.matches("[0-9a-f]{32}"), hostile + " -> " + id);
        }
        String none = Http.get(base().resolve("health")).headers().firstValue("X-Request-Id").orElse("");
        assertTrue(none.matches("[0-9a-f]{32}"), none);
    }

    /** Before/after differences of one series sum. */
    private record Delta(PrometheusScrape before, PrometheusScrape after) {
        double of(String name, String... labels) {
            return after.value(name, labels) - before.value(name, labels);
        }

        void is(double expected, String name, String... labels) {
            assertEquals(expected, of(name, labels), name + " " + String.join(",", labels) + "\n" + after.text);
        }
    }

    // --- the flow, as StiAsIT provisions it --------------------------------------------------------------------

    private static Map<String, Object> activeCredential() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        LocalServiceProvider.ensure(pa);
        String spc = "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201);
        check(pa.admin("POST", "api/v1/admin/trust-anchors", "{\"certificate\":"
                + JSONStringUtils.toJSONString(check(Http.get(base().resolve("sti-ca/root.pem")), 200).body()) + "}"), 201);
        check(Http.send(kms("kms/v1/credentials").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"spc\":\"" + spc + "\"}"))), 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> credential = Map.of();
        while (System.nanoTime() < deadline) {
            credential = Http.json(check(Http.send(kms("kms/v1/credentials/" + spc).GET()), 200));
            if ("ACTIVE".equals(credential.get("state"))) {
                return credential;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no certificate for " + spc + ": " + credential);
    }

    private static HttpRequest.Builder kms(String path) throws Exception {
        String token = Files.readString(dataDir().resolve("kms/admin.token")).strip();
        return HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token);
    }

    private static String apiKey(String spc) throws Exception {
        String admin = "Bearer " + Files.readString(dataDir().resolve("as/admin.token")).strip();
        HttpResponse<String> created = check(Http.send(HttpRequest.newBuilder(base().resolve("stir/v1/admin/api-keys"))
                .header("Content-Type", "application/json").header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"metrics\",\"spcs\":[\"" + spc + "\"],\"maxAttest\":\"A\"}"))), 201);
        return (String) Http.json(created).get("apiKey");
    }

    private static HttpResponse<String> sign(String authorization, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(base().resolve("stir/v1/signing")).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
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
}
