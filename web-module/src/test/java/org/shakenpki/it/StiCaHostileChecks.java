package org.shakenpki.it;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.pkix.TNAuthList;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;

/**
 * The client side of the hostile-input cases of {@link StiCaIT}: deep JSON in every part of an ACME request,
 * racing newAccount and keyChange requests (RFC 8555 sections 7.3.1 and 7.3.5), a CSR carrying another account's
 * key (section 11.1) and SPCs outside the STI-PA's syntax at newOrder.
 */
final class StiCaHostileChecks {
    private static final String ACME = "urn:ietf:params:acme:error:";

    private StiCaHostileChecks() {
    }

    /** Deep JSON as the body, in the protected header and in a correctly signed payload: 400 malformed. */
    static void deepJson() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        String kid = acme.newAccount(key);
        for (String deep : List.of(HostileInput.deepArrays(HostileInput.DEPTH), HostileInput.deepObjects(HostileInput.DEPTH))) {
            for (String path : List.of("new-account", "new-order", "key-change", "revoke-cert")) {
                String url = acme.url(path);
                HostileInput.assertTooDeep(acme.post(url, deep));
                HostileInput.assertTooDeep(acme.post(url, "{\"protected\":" + deep + ",\"payload\":\"\",\"signature\":\"\"}"));
                String header = "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"nonce\":\"" + acme.nonce() + "\",\"url\":\"" + url
                        + "\",\"x\":" + deep + "}";
                HostileInput.assertTooDeep(acme.post(url, JSONObjectUtils.toJSONString(Map.of("protected", Base64URL.encode(header).toString(),
                        "payload", Base64URL.encode("{}").toString(), "signature", "AAAA"))));
                String payload = "{\"identifiers\":" + deep + "}";
                HostileInput.assertTooDeep("new-account".equals(path)
                        ? acme.post(url, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(), "url", url), payload, key))
                        : acme.postAs(kid, key, url, payload));
            }
        }
        // Nimbus reads the JSON text null as no object at all: the body, the header and the payload null are malformed
        for (String path : List.of("new-order", "key-change", "revoke-cert")) {
            String url = acme.url(path);
            assertProblem(acme.post(url, "null"), 400, ACME + "malformed");
            assertProblem(acme.post(url, JSONObjectUtils.toJSONString(Map.of("protected", Base64URL.encode("null").toString(),
                    "payload", "", "signature", "AAAA"))), 400, ACME + "malformed");
            assertProblem(acme.postAs(kid, key, url, "null"), 400, ACME + "malformed");
        }
        String newAccount = acme.url("new-account");
        assertProblem(acme.post(newAccount, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(), "url", newAccount),
                "null", key)), 400, ACME + "malformed");
    }

    /** Simultaneous newAccount requests with one key: one 201, the others 200, all with the same Location. */
    static void racingNewAccounts() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        String url = acme.url("new-account");
        for (int round = 0; round < 3; round++) {
            KeyPair key = TestStiPa.p256();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                bodies.add(RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(), "url", url), "{\"termsOfServiceAgreed\":true}", key));
            }
            List<HttpResponse<String>> responses = all(bodies.stream().<Callable<HttpResponse<String>>>map(b -> () -> acme.post(url, b)).toList());
            Set<String> locations = new HashSet<>();
            int created = 0;
            for (HttpResponse<String> response : responses) {
                assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.statusCode() + " " + response.body());
                created += response.statusCode() == 201 ? 1 : 0;
                locations.add(response.headers().firstValue("Location").orElseThrow());
            }
            assertEquals(1, created, "exactly one request creates the account");
            assertEquals(1, locations.size(), "every answer names the one account: " + locations);
        }
    }

    /**
     * Two accounts rolling over to one new key at once: one 200, the other 409 with the winner's Location; then a
     * newAccount with a key racing a keyChange to it: whichever wins, the other names the winner's account.
     */
    static void racingKeyChanges() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        for (int round = 0; round < 3; round++) {
            KeyPair oldA = TestStiPa.p256();
            KeyPair oldB = TestStiPa.p256();
            String a = acme.newAccount(oldA);
            String b = acme.newAccount(oldB);
            KeyPair next = TestStiPa.p256();
            String bodyA = keyChange(acme, a, oldA, next);
            String bodyB = keyChange(acme, b, oldB, next);
            String url = acme.url("key-change");
            List<HttpResponse<String>> responses = all(List.of(() -> acme.post(url, bodyA), () -> acme.post(url, bodyB)));
            int won = -1;
            for (int i = 0; i < 2; i++) {
                if (responses.get(i).statusCode() == 200) {
                    won = i;
                }
            }
            assertTrue(won >= 0, responses.get(0).statusCode() + " " + responses.get(0).body() + " / " + responses.get(1).body());
            HttpResponse<String> lost = responses.get(1 - won);
            assertProblem(lost, 409, "urn:shaken-pki:problem:conflict");
            assertEquals(won == 0 ? a : b, lost.headers().firstValue("Location").orElse(null), lost.body());
            assertEquals(won == 0 ? a : b, acme.newAccount(next), "the new key belongs to the winner");

            KeyPair contested = TestStiPa.p256();
            KeyPair oldC = TestStiPa.p256();
            String c = acme.newAccount(oldC);
            String change = keyChange(acme, c, oldC, contested);
            String create = RawAcme.sign(Map.of("jwk", RawAcme.jwk(contested), "nonce", acme.nonce(), "url", acme.url("new-account")),
                    "{\"termsOfServiceAgreed\":true}", contested);
            List<HttpResponse<String>> mixed = all(List.of(() -> acme.post(url, change), () -> acme.post(acme.url("new-account"), create)));
            HttpResponse<String> changed = mixed.get(0);
            HttpResponse<String> registered = mixed.get(1);
            String owner = registered.headers().firstValue("Location").orElseThrow(() -> new AssertionError(registered.body()));
            if (changed.statusCode() == 200) {
                assertEquals(200, registered.statusCode(), registered.body());
                assertEquals(c, owner);
            } else {
                assertEquals(201, registered.statusCode(), registered.body());
                assertProblem(changed, 409, "urn:shaken-pki:problem:conflict");
                assertEquals(owner, changed.headers().firstValue("Location").orElse(null));
            }
        }
    }

    /** RFC 8555 section 7.3.5: the outer JWS signed by the old key, the inner by the new one. */
    private static String keyChange(RawAcme acme, String kid, KeyPair oldKey, KeyPair newKey) throws Exception {
        String url = acme.url("key-change");
        String inner = RawAcme.sign(Map.of("jwk", RawAcme.jwk(newKey), "url", url),
                JSONObjectUtils.toJSONString(Map.of("account", kid, "oldKey", RawAcme.jwk(oldKey))), newKey);
        return RawAcme.sign(Map.of("kid", kid, "nonce", acme.nonce(), "url", url), inner, oldKey);
    }

    /** RFC 8555 section 11.1: a CSR with the key of any account, not only the requester's, is badCSR. */
    static void csrWithAnotherAccountsKey() throws Exception {
        AcmeFlows.Started started = AcmeFlows.start("3100");
        started.challenge().setAuthorityToken(AcmeFlows.token(started, started.jwkFingerprint(), false));
        started.challenge().trigger();
        assertEquals(Status.READY, started.order().waitUntilReady(Duration.ofSeconds(10)));
        KeyPair othersKey = TestStiPa.p256();
        new RawAcme(AcmeFlows.HTTPS).newAccount(othersKey);
        AcmeServerException refused = org.junit.jupiter.api.Assertions.assertThrows(AcmeServerException.class,
                () -> started.order().execute(TestCsr.of(othersKey, started.tnAuthList(), false)));
        assertEquals(URI.create(ACME + "badCSR"), refused.getType(), refused.getMessage());
        assertTrue(refused.getMessage().contains("another ACME account"), refused.getMessage());
        started.order().fetch();
        assertEquals(Status.READY, started.order().getStatus(), "a refused CSR must leave the order ready");
    }

    /** SPCs outside the STI-PA's syntax are rejectedIdentifier naming the rule; TN entries keep working. */
    static void spcSyntaxAtNewOrder() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        String kid = acme.newAccount(key);
        String newOrder = acme.url("new-order");
        for (String spc : List.of("12 4;", "1234\r\n", "12ab", "1234-", "\u0001", "A".repeat(33))) {
            String identifier = TNAuthList.ofSpc(spc).toBase64Url();
            HttpResponse<String> response = acme.postAs(kid, key, newOrder,
                    "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + identifier + "\"}]}");
            Map<String, Object> problem = assertProblem(response, 400, ACME + "rejectedIdentifier");
            assertTrue(String.valueOf(problem.get("detail")).contains("digits and uppercase letters"), spc + ": " + response.body());
            assertTrue(String.valueOf(problem.get("subproblems")).contains(identifier), response.body());
        }
        HttpResponse<String> tn = acme.postAs(kid, key, newOrder, "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\""
                + TNAuthList.of(List.of(new TNAuthList.One("12155550100"))).toBase64Url() + "\"}]}");
        assertEquals(201, tn.statusCode(), tn.body());
        HttpResponse<String> ocn = acme.postAs(kid, key, newOrder, "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\""
                + TNAuthList.ofSpc("709J").toBase64Url() + "\"}]}");
        assertEquals(201, ocn.statusCode(), ocn.body());
    }

    /** notBefore/notAfter no certificate can carry (RFC 5280 section 4.1.2.5): malformed, not an overflow at issuance. */
    static void absurdOrderDates() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        String kid = acme.newAccount(key);
        String identifier = "{\"type\":\"TNAuthList\",\"value\":\"" + TNAuthList.ofSpc("1234").toBase64Url() + "\"}";
        for (String dates : List.of("\"notBefore\":\"+999999999-12-31T23:59:59Z\"", "\"notAfter\":\"+999999999-12-31T23:59:59Z\"",
                "\"notBefore\":\"-999999999-01-01T00:00:00Z\"", "\"notBefore\":\"+10000-01-01T00:00:00Z\"", "\"notAfter\":5",
                "\"notBefore\":[]")) {
            HttpResponse<String> response = acme.postAs(kid, key, acme.url("new-order"), "{\"identifiers\":[" + identifier + "]," + dates + "}");
            assertProblem(response, 400, ACME + "malformed");
        }
    }

    /** Runs the calls at once (released together) and returns their results in order. */
    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
