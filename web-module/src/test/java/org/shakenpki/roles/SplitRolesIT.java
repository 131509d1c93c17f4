package org.shakenpki.roles;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles on two servers, as two organisations run them: the PKI server with the STI-PA, STI-CA and STI-CR, the
 * service provider's server with the SP-KMS, STI-AS and STI-VS, each with the HSM tokens of its own roles only
 * and its own TLS certificate. The service provider's server is configured with the PKI server's URLs, trusts its
 * TLS certificate, and is given the STI-PA root (downloaded from the STI-PA) and the verifier's STI-PA password.
 * The demo flow then runs across them (SPC token, ACME order, signing, verification, revocation), and each
 * server's disabled roles answer 404 problem documents.
 */
class SplitRolesIT {
    private static final String SPC = "1234";
    private static final String ACCOUNT = "local-sp";
    private static final String USER = "local-sp-kms";
    private static final String ORIG = "12155550121";
    private static final String DEST = "12155550131";

    static RoleServer pki;
    static RoleServer provider;
    static TwoServerClient http;

    @BeforeAll
    static void startBothServers() throws Exception {
        pki = new RoleServer("pki", Integer.getInteger("it.roles.pki.http.port", 18094),
                Integer.getInteger("it.roles.pki.https.port", 18474), List.of("pa", "ca")).prepare()
                .set("shakenpki.kms.enabled", "false").set("shakenpki.as.enabled", "false").set("shakenpki.vs.enabled", "false");
        provider = new RoleServer("provider", Integer.getInteger("it.roles.provider.http.port", 18095),
                Integer.getInteger("it.roles.provider.https.port", 18475), List.of("kms")).prepare()
                .set("shakenpki.pa.enabled", "false").set("shakenpki.ca.enabled", "false").set("shakenpki.cr.enabled", "false");
        // TLS between the organisations: the provider's outbound calls (STI-PA API, ACME, x5u, CRL) trust the PKI
        // server's certificate besides its own; the PKI server calls only itself.
        Path trust = provider.tls().resolve("trust.pem");
        Files.writeString(trust, Files.readString(pki.certificate()) + Files.readString(provider.certificate()));
        provider.set("shakenpki.tls.trust-pem", trust.toString())
                .set("shakenpki.kms.sti-pa-url", pki.publicUrl())
                .set("shakenpki.kms.acme-directory", pki.publicUrl() + "/acme/directory")
                .set("shakenpki.vs.sti-pa-url", pki.publicUrl())
                // x5u URLs name the PKI server's STI-CR on its https port; the CRL is fetched at every verification
                .set("shakenpki.vs.allowed-ports", "443,8443," + pki.httpsPort)
                .set("shakenpki.vs.crl-refresh", "PT0S");
        http = new TwoServerClient(pki.certificate(), provider.certificate());
        // The PKI server first, as the provider's servers are deployed against a running PKI: the SP-KMS checks the
        // STI-PA CRL in its first round, and a refused connection there is answered from the fetcher's failure
        // cache (shakenpki.fetch.failure-cache) to the STI-VS's CRL fetch of the same URL moments later.
        pki.launch();
        pki.awaitUp();
        provider.launch();
        provider.awaitUp();
        handOverStiPaTrust();
    }

    /**
     * What the STI-PA hands a verifier out of band: its root (here downloaded from its public download API) and the
     * verifier's API password, placed where the provider's STI-VS reads them (its defaults under the data directory).
     */
    private static void handOverStiPaTrust() throws Exception {
        HttpResponse<String> root = http.get(pki.https("download/v1/certificate/sti-pa-root.crt"));
        assertEquals(200, root.statusCode(), root.body());
        Path stiPa = Files.createDirectories(provider.data().resolve("sti-pa"));
        Files.writeString(stiPa.resolve("root.pem"), root.body());
        Files.copy(pki.data().resolve("sti-pa/local-sti-vs.password"), stiPa.resolve("local-sti-vs.password"));
    }

    @AfterAll
    static void stopBothServers() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (pki != null) {
            pki.close();
        }
    }

    @Test
    void eachServerRunsOnlyItsRolesWithOnlyTheirTokens() throws Exception {
        Map<String, Object> pkiHealth = checks(pki);
        assertEquals(Map.of("pa", "STI-PA", "ca", "STI-CA", "cr", "STI-CR"), pkiHealth.get("roles"));
        Map<String, Object> pkiTokens = map(pkiHealth.get("hsm-tokens"));
        assertEquals("online", pkiTokens.get("pa"));
        assertEquals("online", pkiTokens.get("ca"));
        assertFalse(pkiTokens.containsKey("kms"), String.valueOf(pkiTokens));
        assertEquals("false", String.valueOf(map(pkiHealth.get("sp-kms")).get("enabled")), String.valueOf(pkiHealth.get("sp-kms")));

        Map<String, Object> providerHealth = checks(provider);
        assertEquals(Map.of("kms", "SP-KMS", "as", "STI-AS", "vs", "STI-VS"), providerHealth.get("roles"));
        Map<String, Object> providerTokens = map(providerHealth.get("hsm-tokens"));
        assertEquals("online", providerTokens.get("kms"));
        assertFalse(providerTokens.containsKey("pa") || providerTokens.containsKey("ca"), String.valueOf(providerTokens));

        // the tokens of the other organisation's roles do not exist at all on each machine
        assertEquals(java.util.Set.of("shaken-pa", "shaken-ca"), java.util.Set.copyOf(pki.tokenLabels()));
        assertEquals(List.of("shaken-kms"), provider.tokenLabels());
        // and a disabled role made nothing: no STI-PA or STI-CA keys on the provider, no admin tokens on the PKI server
        assertFalse(Files.exists(provider.data().resolve("sti-pa/admin.password")));
        assertFalse(provider.log().contains("STI-CA hierarchy"), "the provider made no STI-CA hierarchy");
        assertFalse(Files.exists(pki.data().resolve("kms/admin.token")));
        assertFalse(Files.exists(pki.data().resolve("as/admin.token")));

        Map<String, Object> index = TwoServerClient.json(http.get(provider.https("/")));
        assertEquals(List.of("SP-KMS", "STI-AS", "STI-VS"), index.get("roles"));
        assertFalse(index.containsKey("stiPa"), "the provider's index names no STI-PA");
    }

    @Test
    void theEndpointsOfDisabledRolesAnswer404ProblemDocuments() throws Exception {
        // on the PKI server: the service provider's roles, before any authentication (no 401 for a missing key)
        closed(http.post(pki.https("stir/v1/signing"), "{}"), "STI-AS");
        closed(http.get(pki.https("stir/v1/admin/api-keys")), "STI-AS");
        closed(http.post(pki.https("stir/v1/verification"), "{}"), "STI-VS");
        closed(http.get(pki.https("kms/v1/credentials")), "SP-KMS");
        // on the provider: the PKI roles; no ACME nonce is minted for them
        HttpResponse<String> directory = http.get(provider.https("acme/directory"));
        closed(directory, "STI-CA");
        HttpResponse<String> newNonce = http.send(HttpRequest.newBuilder(provider.https("acme/new-nonce"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, newNonce.statusCode());
        assertTrue(newNonce.headers().firstValue("Replay-Nonce").isEmpty(), "no nonce where no STI-CA runs");
        // a wrong media type or method would answer 415 or 405 where the role runs: here nothing shows the endpoint
        closed(http.post(provider.https("acme/new-account"), "{}"), "STI-CA");
        closed(http.get(provider.https("acme/new-account")), "STI-CA");
        closed(http.send(HttpRequest.newBuilder(provider.https("acme/new-order")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())), "STI-CA");
        closed(http.get(provider.https("//acme/./directory")), "STI-CA");
        closed(http.get(pki.https("kms;v=1/v1/credentials")), "SP-KMS");
        closed(http.get(provider.https("sti-ca/root.pem")), "STI-CA");
        closed(http.get(provider.https("sti-cr/anything.pem")), "STI-CR");
        closed(http.get(provider.https("download/v1/crl")), "STI-PA");
        closed(http.post(provider.https("api/v1/auth/login"), "{}"), "STI-PA");
        closed(http.get(provider.https("api/v1/ca-list")), "STI-PA");

        // the same paths where the roles run
        HttpResponse<String> open = http.get(pki.https("acme/directory"));
        assertEquals(200, open.statusCode(), open.body());
        assertEquals(401, http.post(provider.https("stir/v1/signing"), "{}").statusCode(), "the provider's STI-AS asks for its API key");
    }

    @Test
    void theDemoFlowRunsAcrossTheTwoServers() throws Exception {
        String admin = Files.readString(pki.data().resolve("sti-pa/admin.password")).strip();

        // STI-PA (PKI server): approve the STI-CA, create the service provider's account and its SP-KMS user
        String caRoot = http.get(pki.https("sti-ca/root.pem")).body();
        statusOk(http.postBasic(pki.https("api/v1/admin/trust-anchors"), "admin", admin,
                JSONObjectUtils.toJSONString(Map.of("certificate", caRoot))));
        statusOk(http.postBasic(pki.https("api/v1/admin/accounts"), "admin", admin,
                JSONObjectUtils.toJSONString(Map.of("accountId", ACCOUNT, "name", "Demo Telecom", "spcs", List.of(SPC)))));
        HttpResponse<String> user = http.postBasic(pki.https("api/v1/admin/users"), "admin", admin,
                JSONObjectUtils.toJSONString(Map.of("userId", USER, "role", "SP_API", "accountId", ACCOUNT)));
        statusOk(user);
        Path kmsPassword = Files.createDirectories(provider.data().resolve("kms")).resolve("sti-pa.password");
        Files.writeString(kmsPassword, (String) TwoServerClient.json(user).get("password"));

        // SP-KMS (provider): HSM key, SPC token from the PKI server's STI-PA, ACME order at its STI-CA
        String kmsToken = Files.readString(provider.data().resolve("kms/admin.token")).strip();
        HttpResponse<String> created = http.postBearer(provider.https("kms/v1/credentials"), kmsToken,
                JSONObjectUtils.toJSONString(Map.of("spc", SPC)));
        assertEquals(202, created.statusCode(), created.body());
        Map<String, Object> credential = awaitActive(kmsToken);
        String x5u = (String) credential.get("certificateUrl");
        assertTrue(x5u.startsWith(pki.publicUrl() + "/sti-cr/"), "the chain is published by the PKI server's STI-CR: " + x5u);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) credential.get("certificateChain")).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(certificate.getIssuerX500Principal().getName().contains("STI-CA"), certificate.getIssuerX500Principal().getName());
        HttpResponse<String> chain = http.get(java.net.URI.create(x5u));
        assertEquals(200, chain.statusCode(), chain.body());

        // STI-AS and STI-VS (provider): sign with the HSM key, verify against the PKI server's trust list and CRL
        String asToken = Files.readString(provider.data().resolve("as/admin.token")).strip();
        HttpResponse<String> key = http.postBearer(provider.https("stir/v1/admin/api-keys"), asToken,
                JSONObjectUtils.toJSONString(Map.of("name", "demo", "spcs", List.of(SPC), "maxAttest", "A")));
        statusOk(key);
        String apiKey = (String) TwoServerClient.json(key).get("apiKey");
        String identity = sign(apiKey);
        assertTrue(identity.contains(";info=<" + x5u + ">;"), identity);
        assertVerstat("TN-Validation-Passed", identity);

        // STI-PA (PKI server): the certificate is revoked; the provider's STI-VS sees it on the next CRL it fetches
        HttpResponse<String> revoked = http.postBasic(pki.https("api/v1/revocations"), "admin", admin,
                JSONObjectUtils.toJSONString(Map.of("certificate", credential.get("certificateChain"), "reason", "keyCompromise")));
        assertTrue(revoked.statusCode() / 100 == 2, revoked.body());
        assertVerstat("TN-Validation-Failed", sign(apiKey));
    }

    private static Map<String, Object> awaitActive(String kmsToken) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Map<String, Object> credential = Map.of();
        while (Instant.now().isBefore(deadline)) {
            credential = TwoServerClient.json(http.getBearer(provider.https("kms/v1/credentials/" + SPC), kmsToken));
            if ("ACTIVE".equals(credential.get("state"))) {
                return credential;
            }
            assertFalse("FAILED".equals(credential.get("state")), "the SP-KMS could not get a certificate: " + credential);
            Thread.sleep(1000);
        }
        throw new AssertionError("no certificate after 2 minutes: " + credential);
    }

    private static String sign(String apiKey) throws Exception {
        HttpResponse<String> signed = http.postBearer(provider.https("stir/v1/signing"), apiKey, JSONObjectUtils.toJSONString(
                Map.of("signingRequest", Map.of("attest", "A", "dest", Map.of("tn", List.of(DEST)),
                        "iat", Instant.now().getEpochSecond(), "orig", Map.of("tn", ORIG)))));
        assertEquals(200, signed.statusCode(), signed.body());
        return (String) map(TwoServerClient.json(signed).get("signingResponse")).get("identity");
    }

    /** The verstat of the provider's STI-VS for this Identity header; on a mismatch its whole answer says why. */
    private static void assertVerstat(String expected, String identity) throws Exception {
        HttpResponse<String> verified = http.post(provider.https("stir/v1/verification"), JSONObjectUtils.toJSONString(
                Map.of("verificationRequest", Map.of("from", Map.of("tn", ORIG), "to", Map.of("tn", List.of(DEST)),
                        "time", Instant.now().getEpochSecond(), "identity", identity))));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(expected, map(TwoServerClient.json(verified).get("verificationResponse")).get("verstat"), verified.body());
    }

    private static void closed(HttpResponse<String> response, String role) throws Exception {
        assertEquals(404, response.statusCode(), response.uri() + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip(),
                response.uri().toString());
        assertEquals("no " + role + " runs on this server", TwoServerClient.json(response).get("detail"), response.uri().toString());
    }

    private static int statusOk(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.uri() + ": " + response.statusCode() + " " + response.body());
        return response.statusCode();
    }

    /** The data of each /health check, by check name. */
    private static Map<String, Object> checks(RoleServer server) throws Exception {
        HttpResponse<String> health = http.get(java.net.URI.create("http://127.0.0.1:" + server.httpPort + "/health"));
        assertEquals(200, health.statusCode(), health.body());
        Map<String, Object> byName = new java.util.HashMap<>();
        for (Object check : (List<?>) TwoServerClient.json(health).get("checks")) {
            Map<String, Object> one = map(check);
            byName.put((String) one.get("name"), one.getOrDefault("data", Map.of()));
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}
