package org.shakenpki.it;

import com.nimbusds.jose.util.Base64URL;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.web.acme.AcmeFixtures;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;
import static org.shakenpki.web.acme.AcmeFixtures.assertHeadersMatch;
import static org.shakenpki.web.acme.AcmeFixtures.assertMatches;

/** The client side of {@link StiCaIT}: what an ACME client and a relying party see over HTTPS. */
final class StiCaChecks {
    private static final String ACME = "urn:ietf:params:acme:error:";

    private StiCaChecks() {
    }

    static void wholeFlow() throws Exception {
        AcmeFlows.Started started = AcmeFlows.start("1234");
        // the deployed STI-PA form: padded standard base64 tkvalue and the SPKI fingerprint
        String tkvalue = Base64.getEncoder().encodeToString(started.tnAuthList().der());
        started.challenge().setAuthorityToken(AcmeFlows.stiPa().token(tkvalue, started.spkiFingerprint(), false, Duration.ofMinutes(10)));
        started.challenge().trigger();
        assertEquals(Status.VALID, started.challenge().waitForCompletion(Duration.ofSeconds(10)),
                () -> started.challenge().getError().map(Problem::toString).orElse("no error"));
        assertEquals(Status.READY, started.order().waitUntilReady(Duration.ofSeconds(10)));

        KeyPair certificateKey = TestStiPa.p256();
        started.order().execute(TestCsr.of(certificateKey, started.tnAuthList(), false));
        assertEquals(Status.VALID, started.order().waitForCompletion(Duration.ofSeconds(10)));
        List<X509Certificate> chain = started.order().getCertificate().getCertificateChain();
        X509Certificate leaf = chain.get(0);
        assertEquals(2, chain.size());
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=SHAKEN 1234"), leaf.getSubjectX500Principal().getName());
        assertEquals(certificateKey.getPublic(), leaf.getPublicKey());

        // the order names the STI-CR chain URL (RFC 9448 section 7), which serves the same chain to anyone
        String x5u = started.order().getJSON().get("x5u").asString();
        assertTrue(x5u.startsWith(AcmeFlows.HTTPS + "/sti-cr/"), x5u);
        HttpResponse<String> published = Http.get(URI.create(x5u));
        assertEquals(200, published.statusCode());
        assertEquals("application/pem-certificate-chain", published.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(published.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
        String etag = published.headers().firstValue("ETag").orElseThrow();
        assertEquals(chain, Pem.certificates(published.body()));
        assertEquals(304, Http.send(HttpRequest.newBuilder(URI.create(x5u)).header("If-None-Match", etag).GET()).statusCode());

        opensslAccepts(chain);

        started.order().getCertificate().revoke(RevocationReason.KEY_COMPROMISE);
        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> started.order().getCertificate().revoke(RevocationReason.KEY_COMPROMISE));
        assertEquals(URI.create(ACME + "alreadyRevoked"), again.getType());

        accountLifecycle(started);
    }

    /** The orders list, key rollover (RFC 8555 section 7.3.5) and deactivation (section 7.3.6). */
    private static void accountLifecycle(AcmeFlows.Started started) throws Exception {
        var orders = started.account().getOrders();
        assertTrue(orders.hasNext());
        assertEquals(started.order().getLocation(), orders.next().getLocation());

        KeyPair newKey = TestStiPa.p256();
        started.account().changeKey(newKey);
        var session = AcmeFlows.session();
        assertEquals(started.account().getLocation(),
                new org.shredzone.acme4j.AccountBuilder().onlyExisting().useKeyPair(newKey).create(session).getLocation());
        AcmeServerException oldKey = assertThrows(AcmeServerException.class,
                () -> new org.shredzone.acme4j.AccountBuilder().onlyExisting().useKeyPair(started.accountKey()).create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "accountDoesNotExist"), oldKey.getType());

        var account = session.login(started.account().getLocation(), newKey).getAccount();
        account.deactivate();
        assertEquals(Status.DEACTIVATED, account.getStatus());
        AcmeServerException deactivated = assertThrows(AcmeServerException.class,
                () -> account.newOrder().identifier(new org.shredzone.acme4j.Identifier("TNAuthList",
                        started.tnAuthList().toBase64Url())).create());
        assertEquals(URI.create(ACME + "unauthorized"), deactivated.getType());
        AcmeServerException lookup = assertThrows(AcmeServerException.class,
                () -> new org.shredzone.acme4j.AccountBuilder().onlyExisting().useKeyPair(newKey).create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "unauthorized"), lookup.getType());
    }

    private static void opensslAccepts(List<X509Certificate> chain) throws Exception {
        HttpResponse<String> root = Http.get(URI.create(AcmeFlows.HTTPS + "/sti-ca/root.pem"));
        assertEquals(200, root.statusCode());
        Path dir = Files.createTempDirectory(Path.of("target"), "openssl");
        Files.writeString(dir.resolve("root.pem"), root.body());
        Files.writeString(dir.resolve("intermediate.pem"), Pem.encode(chain.get(1)));
        Files.writeString(dir.resolve("leaf.pem"), Pem.encode(chain.get(0)));
        String verify = run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");
        assertEquals("leaf.pem: OK", verify.strip());
        String asn1 = run(dir, "openssl", "asn1parse", "-in", "leaf.pem");
        assertTrue(asn1.contains(":1.3.6.1.5.5.7.1.26"), asn1);
        assertTrue(asn1.contains("[HEX DUMP]:3008A006160431323334"), asn1);
        String text = run(dir, "openssl", "x509", "-noout", "-text", "-in", "leaf.pem");
        assertTrue(text.contains("Policy: 2.16.840.1.114569.1.1.4"), text);
        assertTrue(text.contains("URI:https://localhost:"), text);
        assertTrue(text.contains("CRL Issuer:"), text);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    /** A token with ca:true and a CSR with cA=true give a delegate CA certificate; its key may revoke it. */
    static void delegateCertificate() throws Exception {
        java.time.Instant notAfter = java.time.Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AcmeFlows.Started started = AcmeFlows.start("4000", notAfter);
        started.challenge().setAuthorityToken(AcmeFlows.token(started, started.jwkFingerprint(), true));
        started.challenge().trigger();
        assertEquals(Status.READY, started.order().waitUntilReady(Duration.ofSeconds(10)));
        KeyPair key = TestStiPa.p256();
        started.order().execute(TestCsr.of(key, started.tnAuthList(), true));
        assertEquals(Status.VALID, started.order().waitForCompletion(Duration.ofSeconds(10)));
        X509Certificate delegate = started.order().getCertificate().getCertificate();
        assertEquals(0, delegate.getBasicConstraints(), "a delegate CA with pathLen 0");
        assertEquals(notAfter, delegate.getNotAfter().toInstant(), "the order's notAfter caps the validity");
        assertTrue(delegate.getKeyUsage()[5], "keyCertSign");
        assertTrue(!delegate.getKeyUsage()[0], "no digitalSignature");

        org.shredzone.acme4j.Certificate.revoke(AcmeFlows.session(), key, delegate, RevocationReason.CESSATION_OF_OPERATION);
        AcmeServerException again = assertThrows(AcmeServerException.class, () -> org.shredzone.acme4j.Certificate.revoke(
                AcmeFlows.session(), key, delegate, RevocationReason.CESSATION_OF_OPERATION));
        assertEquals(URI.create(ACME + "alreadyRevoked"), again.getType());
        AcmeServerException stranger = assertThrows(AcmeServerException.class, () -> org.shredzone.acme4j.Certificate.revoke(
                AcmeFlows.session(), TestStiPa.p256(), delegate, RevocationReason.KEY_COMPROMISE));
        assertEquals(URI.create(ACME + "unauthorized"), stranger.getType());
    }

    /** Forged, expired, wrong fingerprint, wrong tkvalue, untrusted x5u: each a precise challenge error. */
    static void badTokens() throws Exception {
        TestStiPa rogue = TestStiPa.create("rogue", false, AcmeFlows.HTTPS);
        AcmeFlows.stiPa();
        Map<String, TokenCase> cases = Map.of(
                "expired", s -> AcmeFlows.stiPa().token(s.tnAuthList().toBase64Url(), s.spkiFingerprint(), false, Duration.ofSeconds(-5)),
                "wrong fingerprint", s -> AcmeFlows.stiPa().token(s.tnAuthList().toBase64Url(),
                        "SHA256 " + "00:".repeat(31) + "00", false, Duration.ofMinutes(5)),
                "wrong tkvalue", s -> AcmeFlows.stiPa().token(TNAuthList.ofSpc("999Z").toBase64Url(), s.jwkFingerprint(), false, Duration.ofMinutes(5)),
                "untrusted x5u", s -> rogue.token(s.tnAuthList().toBase64Url(), s.jwkFingerprint(), false, Duration.ofMinutes(5)),
                "forged", s -> forge(AcmeFlows.stiPa().token(s.tnAuthList().toBase64Url(), s.jwkFingerprint(), false, Duration.ofMinutes(5))),
                // genuine, but the seed shape is accepted only with shakenpki.ca.accept-seed-tokens=true
                "seed shape by default", s -> AcmeFlows.stiPa().seedToken(s.tnAuthList().spcs().get(0),
                        s.accountKey().getPublic(), Duration.ofMinutes(5)));
        Map<String, String> expected = Map.of("expired", "unauthorized", "wrong fingerprint", "incorrectResponse",
                "wrong tkvalue", "incorrectResponse", "untrusted x5u", "unauthorized", "forged", "unauthorized",
                "seed shape by default", "incorrectResponse");
        for (var entry : cases.entrySet()) {
            AcmeFlows.Started started = AcmeFlows.start("2000");
            started.challenge().setAuthorityToken(entry.getValue().token(started));
            started.challenge().trigger();
            assertEquals(Status.INVALID, started.challenge().waitForCompletion(Duration.ofSeconds(10)), entry.getKey());
            Problem error = started.challenge().getError().orElseThrow();
            assertEquals(URI.create(ACME + expected.get(entry.getKey())), error.getType(), entry.getKey() + ": " + error);
            if (entry.getKey().startsWith("seed")) {
                assertTrue(error.getDetail().orElse("").contains("seed token shape"), error.toString());
            }
            started.order().fetch();
            assertEquals(Status.INVALID, started.order().getStatus(), entry.getKey());
        }
    }

    /** Replaces the token's payload (a different jti) and keeps the signature. */
    private static String forge(String token) {
        String[] parts = token.split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replaceFirst("\"jti\":\"", "\"jti\":\"x");
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }

    @FunctionalInterface
    interface TokenCase {
        String token(AcmeFlows.Started started) throws Exception;
    }

    static void csrMismatches() throws Exception {
        AcmeFlows.Started started = AcmeFlows.start("3000");
        started.challenge().setAuthorityToken(AcmeFlows.token(started, started.jwkFingerprint(), false));
        started.challenge().trigger();
        assertEquals(Status.READY, started.order().waitUntilReady(Duration.ofSeconds(10)));

        assertBadCsr(started, TestCsr.of(TestStiPa.p256(), TNAuthList.ofSpc("3001"), false), "TNAuthList");
        assertBadCsr(started, TestCsr.of(started.accountKey(), started.tnAuthList(), false), "account key");
        assertBadCsr(started, TestCsr.of(TestStiPa.p256(), started.tnAuthList(), true), "cA=true");
        assertBadCsr(started, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, "PKCS#10");
        started.order().fetch();
        assertEquals(Status.READY, started.order().getStatus(), "a refused CSR must leave the order ready");
    }

    private static void assertBadCsr(AcmeFlows.Started started, byte[] csr, String detail) {
        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> started.order().execute(csr));
        assertEquals(URI.create(ACME + "badCSR"), refused.getType(), refused.getMessage());
        assertTrue(refused.getMessage().contains(detail), refused.getMessage());
    }

    /** RFC 8555 section 6: each violation its problem type, a fresh nonce on every error, never a 500. */
    static void envelopeViolations() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        String kid = acme.newAccount(key);
        String newOrder = acme.url("new-order");
        String dnsOrder = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"example.com\"}]}";

        HttpResponse<String> badNonce = acme.post(newOrder, RawAcme.sign(Map.of("kid", kid, "nonce", "bm90LWEtbm9uY2U", "url", newOrder), dnsOrder, key));
        assertProblem(badNonce, 400, ACME + "badNonce");
        assertNotNull(badNonce.headers().firstValue("Replay-Nonce").orElse(null), "no fresh nonce with badNonce");

        String nonce = acme.nonce();
        String accountUrl = kid;
        assertEquals(200, acme.post(accountUrl, RawAcme.sign(Map.of("kid", kid, "nonce", nonce, "url", accountUrl), "", key)).statusCode());
        assertProblem(acme.post(accountUrl, RawAcme.sign(Map.of("kid", kid, "nonce", nonce, "url", accountUrl), "", key)), 400, ACME + "badNonce");

        assertProblem(acme.post(newOrder, RawAcme.sign(Map.of("kid", kid, "nonce", acme.nonce(), "url", acme.url("new-account")), dnsOrder, key)),
                403, ACME + "unauthorized");
        HttpResponse<String> none = acme.post(newOrder, RawAcme.unsigned(Map.of("kid", kid, "nonce", acme.nonce(), "url", newOrder), dnsOrder));
        Map<String, Object> problem = assertProblem(none, 400, ACME + "badSignatureAlgorithm");
        assertTrue(String.valueOf(problem.get("algorithms")).contains("ES256"), none.body());
        assertProblem(acme.post(newOrder, RawAcme.sign(Map.of("kid", acme.url("acct/no-such-account"), "nonce", acme.nonce(), "url", newOrder), dnsOrder, key)),
                400, ACME + "accountDoesNotExist");
        Map<String, Object> unsupported = assertProblem(acme.postAs(kid, key, newOrder, dnsOrder), 400, ACME + "unsupportedIdentifier");
        assertTrue(String.valueOf(unsupported.get("subproblems")).contains("example.com"), String.valueOf(unsupported));
        assertProblem(acme.post(newOrder, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "kid", kid, "nonce", acme.nonce(), "url", newOrder), dnsOrder, key)),
                400, ACME + "malformed");
        assertProblem(acme.post(newOrder, "{\"protected\":"), 400, ACME + "malformed");
        HttpResponse<String> padded = acme.postAs(kid, key, newOrder, "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"MAigBhYEMTIzNA==\"}]}");
        assertEquals(201, padded.statusCode(), padded.body());
        assertTrue(padded.body().contains("\"value\":\"MAigBhYEMTIzNA==\""), padded.body());
        assertProblem(acme.postAs(kid, key, newOrder, "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"MAigBhYEMTIzNA\"},"
                + "{\"type\":\"TNAuthList\",\"value\":\"MAigBhYENTY3OA\"}]}"), 400, ACME + "rejectedIdentifier");
        assertProblem(acme.postAs(kid, key, newOrder, "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"not-der\"}]}"), 400, ACME + "malformed");
        assertProblem(Http.post(URI.create(newOrder), "application/json", "{}"), 415, "urn:shaken-pki:problem:unsupported-media-type");

        // whatever arrives at any ACME resource, the answer is a problem document, never a 500
        String account = kid.substring(kid.lastIndexOf('/') + 1);
        for (String path : List.of("new-account", "new-order", "revoke-cert", "key-change", "acct/" + account, "acct/" + account + "/orders",
                "order/x", "order/x/finalize", "authz/x", "chall/x", "cert/x")) {
            String url = acme.url(path);
            for (String payload : List.of("", "{}", "[]", "{\"csr\":\"%%%\",\"certificate\":5,\"identifiers\":{},\"contact\":\"x\"}",
                    "{\"status\":\"valid\",\"tkauth\":\"a.b.c\",\"notAfter\":\"yesterday\"}")) {
                HttpResponse<String> response = acme.postAs(kid, key, url, payload);
                assertTrue(response.statusCode() < 500 || response.statusCode() == 503, path + " " + payload + ": " + response.body());
                if (response.statusCode() >= 400) {
                    assertTrue(response.headers().firstValue("Replay-Nonce").isPresent(), path + ": no Replay-Nonce on an error");
                }
            }
            assertTrue(acme.post(url, "garbage").statusCode() < 500, path);
            assertTrue(acme.post(url, RawAcme.forged(Map.of("alg", "ES256", "jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA"),
                    "nonce", acme.nonce(), "url", url), "{}")).statusCode() < 500, path);
        }
    }

    /**
     * Every ACME response shape the server writes, from real requests, against the JSON fixtures the unit test
     * of the renderers uses (web-module src/test/resources/acme-json/, {@link AcmeFixtures}).
     */
    static void responsesMatchTheFixtures() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        assertMatches("directory", Http.get(URI.create(acme.url("directory"))).body());
        assertHeaders("new-nonce", Http.send(HttpRequest.newBuilder(URI.create(acme.url("new-nonce")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())));

        KeyPair key = TestStiPa.p256();
        String newAccount = acme.url("new-account");
        String contact = ",\"contact\":[\"mailto:noc@example.com\"]";
        HttpResponse<String> created = acme.post(newAccount, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(),
                "url", newAccount), "{\"termsOfServiceAgreed\":true" + contact + "}", key));
        assertMatches("account-new", created.body());
        assertHeaders("account-new", created);
        HttpResponse<String> existing = acme.post(newAccount, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(),
                "url", newAccount), "{\"onlyReturnExisting\":true}", key));
        assertMatches("account-existing", existing.body());
        assertHeaders("account-existing", existing);
        String kid = created.headers().firstValue("Location").orElseThrow();

        TNAuthList spc1234 = TNAuthList.ofSpc("1234");
        String identifiers = "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + spc1234.toBase64Url() + "\"}]}";
        HttpResponse<String> order = acme.postAs(kid, key, acme.url("new-order"), identifiers);
        assertMatches("order-pending", order.body());
        String orderUrl = order.headers().firstValue("Location").orElseThrow();
        Map<String, Object> pending = Http.json(order);
        String authorization = (String) ((List<?>) pending.get("authorizations")).get(0);
        HttpResponse<String> authz = acme.postAs(kid, key, authorization, "");
        assertMatches("authorization-pending", authz.body());
        String challenge = (String) ((Map<?, ?>) ((List<?>) Http.json(authz).get("challenges")).get(0)).get("url");
        assertMatches("challenge-pending", acme.postAs(kid, key, challenge, "").body());
        String fingerprint = Fingerprints.format(Fingerprints.jwkThumbprint(key.getPublic()));
        String token = AcmeFlows.stiPa().token(spc1234.toBase64Url(), fingerprint, false, Duration.ofMinutes(10));
        assertMatches("challenge-valid", acme.postAs(kid, key, challenge, "{\"tkauth\":\"" + token + "\"}").body());
        assertMatches("authorization-valid", acme.postAs(kid, key, authorization, "").body());
        assertMatches("order-ready", acme.postAs(kid, key, orderUrl, "").body());

        String finalize = (String) pending.get("finalize");
        assertMatches("problem-bad-csr", acme.postAs(kid, key, finalize, "{\"csr\":\"MAMCAQE\"}").body());
        String csr = Base64URL.encode(TestCsr.of(TestStiPa.p256(), spc1234, false)).toString();
        assertEquals(200, acme.postAs(kid, key, finalize, "{\"csr\":\"" + csr + "\"}").statusCode());
        assertMatches("order-valid", acme.postAs(kid, key, orderUrl, "").body());

        HttpResponse<String> invalidOrder = acme.postAs(kid, key, acme.url("new-order"), identifiers);
        String invalidAuthorization = (String) ((List<?>) Http.json(invalidOrder).get("authorizations")).get(0);
        String invalidChallenge = (String) ((Map<?, ?>) ((List<?>) Http.json(acme.postAs(kid, key, invalidAuthorization, ""))
                .get("challenges")).get(0)).get("url");
        String expired = AcmeFlows.stiPa().token(spc1234.toBase64Url(), fingerprint, false, Duration.ofSeconds(-5));
        acme.postAs(kid, key, invalidChallenge, "{\"tkauth\":\"" + expired + "\"}");
        assertMatches("authorization-invalid", acme.postAs(kid, key, invalidAuthorization, "").body());

        assertMatches("problem-malformed", acme.postAs(kid, key, acme.url("new-order"), "{}").body());
        HttpResponse<String> badNonce = acme.post(acme.url("new-order"), RawAcme.sign(Map.of("kid", kid, "nonce", "bm90LWEtbm9uY2U",
                "url", acme.url("new-order")), identifiers, key));
        assertMatches("problem-bad-nonce", badNonce.body());
        assertHeaders("problem-bad-nonce", badNonce);
        assertMatches("problem-unauthorized", acme.post(acme.url("new-order"), RawAcme.sign(Map.of("kid", kid, "nonce", acme.nonce(),
                "url", newAccount), identifiers, key)).body());
        assertMatches("problem-rejected-identifier", acme.postAs(kid, key, acme.url("new-order"),
                "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + TNAuthList.ofSpc("12ab").toBase64Url() + "\"}]}").body());

        KeyPair otherKey = TestStiPa.p256();
        String other = acme.newAccount(otherKey);
        HttpResponse<String> conflict = acme.post(acme.url("key-change"), acme.keyChange(other, otherKey, key));
        assertMatches("key-change-conflict", conflict.body());
        assertHeaders("key-change-conflict", conflict);
        assertEquals(kid, conflict.headers().firstValue("Location").orElse(null), "the conflict names the key's account");

        assertMatches("account-deactivated", acme.postAs(kid, key, kid, "{\"status\":\"deactivated\"}").body());
    }

    private static void assertHeaders(String fixture, HttpResponse<String> response) {
        assertHeadersMatch(fixture, response.statusCode(), name -> response.headers().firstValue(name).orElse(null));
    }

    static void nonceDirectoryAndRepository() throws Exception {
        HttpResponse<String> directory = Http.get(URI.create(AcmeFlows.HTTPS + "/acme/directory"));
        assertEquals(200, directory.statusCode());
        Map<String, Object> json = Http.json(directory);
        for (String name : List.of("newNonce", "newAccount", "newOrder", "revokeCert", "keyChange")) {
            assertTrue(String.valueOf(json.get(name)).startsWith(AcmeFlows.HTTPS + "/acme/"), name + " in " + json);
        }
        Map<?, ?> meta = (Map<?, ?>) json.get("meta");
        assertEquals(false, meta.get("externalAccountRequired"));
        HttpResponse<String> terms = Http.get(URI.create(String.valueOf(meta.get("termsOfService"))));
        assertEquals(200, terms.statusCode());
        assertTrue(terms.body().contains("SHAKEN"));

        URI newNonce = URI.create(AcmeFlows.HTTPS + "/acme/new-nonce");
        HttpResponse<String> head = Http.send(HttpRequest.newBuilder(newNonce).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        HttpResponse<String> get = Http.get(newNonce);
        assertEquals(204, get.statusCode());
        assertTrue(get.headers().firstValue("Replay-Nonce").orElse("").matches("[A-Za-z0-9_-]{16,}"));
        assertTrue(get.headers().firstValue("Link").orElse("").contains("rel=\"index\""));

        assertProblem(Http.get(URI.create(AcmeFlows.HTTPS + "/sti-cr/no-such-chain.pem")), 404, "urn:shaken-pki:problem:not-found");
    }
}
