package org.shakenpki.it;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.AuditRecord;
import org.shakenpki.audit.Outcome;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;
import static org.shakenpki.it.StiPaClient.FINGERPRINT;
import static org.shakenpki.it.StiPaClient.atc;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The STI-PA over real HTTPS, as deployed SP-KMS clients and administrators use it: login, SPC tokens and
 * every refusal, the trust list, revocation and the indirect CRL. Tokens and the trust list are verified
 * independently of the server's code, with the certificate fetched from their {@code x5u}.
 */
@ExtendWith(ArquillianExtension.class)
class PaIT {
    private static final String FORBIDDEN = "urn:shaken-pki:problem:forbidden";
    private static final String MALFORMED = "urn:ietf:params:acme:error:malformed";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(PaIT.class, Http.class, ProblemAssertions.class, TestTls.class, StiPaClient.class,
                        RevocationFixtures.class, RevocationFixtures.Ca.class, TestStiPa.class)
                .addAsResource("vectors/ca-root.pem").addAsResource("vectors/leaf-1234-chain.pem")
                .addAsResource("vectors/ca-intermediate.pem").addAsResource("vectors/ca-intermediate.key")
                // the tests play clients at other addresses through X-Forwarded-For from loopback, as a proxy would
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "shakenpki.pa.login.trusted-proxies=127.0.0.1,::1\n"), "META-INF/microprofile-config.properties");
    }

    @EJB
    AuditLog audit;

    private static URI base() {
        return URI.create("https://localhost:" + System.getProperty("it.https.port") + "/");
    }

    private static String accountId() {
        return "SP" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String spc() {
        return Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }

    private static String tkvalue(String spc) {
        byte[] ascii = spc.getBytes(StandardCharsets.US_ASCII);
        byte[] der = new byte[ascii.length + 6];
        der[0] = 0x30;
        der[1] = (byte) (ascii.length + 4);
        der[2] = (byte) 0xA0;
        der[3] = (byte) (ascii.length + 2);
        der[4] = 0x16;
        der[5] = (byte) ascii.length;
        System.arraycopy(ascii, 0, der, 6, ascii.length);
        return java.util.Base64.getEncoder().encodeToString(der);
    }

    @Test
    @RunAsClient
    void issuesATokenThatVerifiesWithTheCertificateOfItsX5u() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        String accessToken = pa.newAccountWithUser(account, false, spc);

        var response = check(pa.token(accessToken, account, atc(tkvalue(spc), false, FINGERPRINT)), 200);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/jose+json"));
        Map<String, Object> body = Http.json(response);
        assertEquals("success", body.get("status"));
        assertEquals(base().resolve("download/v1/crl").toString(), body.get("crl"));

        SignedJWT token = SignedJWT.parse((String) body.get("token"));
        assertEquals("ES256", token.getHeader().getAlgorithm().getName());
        assertEquals("JWT", token.getHeader().getType().getType());
        URI x5u = token.getHeader().getX509CertURL();
        assertEquals("https", x5u.getScheme());
        List<X509Certificate> chain = fetchChain(x5u);
        assertTrue(token.verify(new ECDSAVerifier((ECPublicKey) chain.get(0).getPublicKey())), "token signature");
        validates(chain.get(0), stiPaRoot());

        Map<String, Object> claims = token.getJWTClaimsSet().getClaims();
        assertEquals(Set.of("exp", "jti", "atc"), claims.keySet());
        long exp = token.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond();
        assertTrue(exp > Instant.now().plusSeconds(3600).getEpochSecond(), "token lives well beyond an ACME order");
        @SuppressWarnings("unchecked")
        Map<String, Object> atc = (Map<String, Object>) claims.get("atc");
        assertEquals(Map.of("tktype", "TNAuthList", "tkvalue", tkvalue(spc), "ca", false, "fingerprint", FINGERPRINT), atc);
    }

    @Test
    @RunAsClient
    void acceptsUnwrappedAtcBearerPrefixAndEchoesTkvalueAsSent() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        String accessToken = pa.newAccountWithUser(account, false, spc);
        String base64url = tkvalue(spc).replace("=", "").replace('+', '-').replace('/', '_');
        String body = "{\"tktype\":\"TNAuthList\",\"tkvalue\":\"" + base64url + "\",\"fingerprint\":\""
                + FINGERPRINT.toLowerCase().replace("sha256", "SHA256") + "\"}";

        var response = check(pa.token("Bearer " + accessToken, account, body), 200);
        SignedJWT token = SignedJWT.parse((String) Http.json(response).get("token"));
        @SuppressWarnings("unchecked")
        Map<String, Object> atc = (Map<String, Object>) token.getJWTClaimsSet().getClaim("atc");
        assertEquals(base64url, atc.get("tkvalue"));
        assertFalse(atc.containsKey("ca"), "ca was not asked for, so it is not granted either");
    }

    @Test
    @RunAsClient
    void refusesTokensBeyondTheCallersAuthority() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        String inactiveSpc = spc() + "X";
        String accessToken = pa.newAccountWithUser(account, false, spc, inactiveSpc);
        check(pa.admin("PATCH", "api/v1/admin/accounts/" + account + "/spcs/" + inactiveSpc, "{\"active\":false}"), 200);
        String other = accountId();
        pa.newAccountWithUser(other, false, spc() + "Y");

        assertProblem(pa.token(accessToken, other, atc(tkvalue(spc), false, FINGERPRINT)), 403, FORBIDDEN);
        assertProblem(pa.token(accessToken, account, atc(tkvalue("ZZZZ9"), false, FINGERPRINT)), 403, FORBIDDEN);
        assertProblem(pa.token(accessToken, account, atc(tkvalue(inactiveSpc), false, FINGERPRINT)), 403, FORBIDDEN);
        var ca = assertProblem(pa.token(accessToken, account, atc(tkvalue(spc), true, FINGERPRINT)), 403, FORBIDDEN);
        assertTrue(String.valueOf(ca.get("detail")).contains("ca:true"), ca.toString());
        // a TN, not an SPC: MA6iDBYKNzAzNTU1MTIxMg is one [2] "7035551212"
        assertProblem(pa.token(accessToken, account, atc("MA6iDBYKNzAzNTU1MTIxMg", false, FINGERPRINT)), 403, FORBIDDEN);

        check(pa.admin("PATCH", "api/v1/admin/accounts/" + account, "{\"active\":false}"), 200);
        assertProblem(pa.token(accessToken, account, atc(tkvalue(spc), false, FINGERPRINT)), 403, FORBIDDEN);
    }

    @Test
    @RunAsClient
    void grantsCaTokensOnlyToAccountsAllowedDelegateCertificates() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        String accessToken = pa.newAccountWithUser(account, true, spc);
        var response = check(pa.token(accessToken, account, atc(tkvalue(spc), true, FINGERPRINT)), 200);
        SignedJWT token = SignedJWT.parse((String) Http.json(response).get("token"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) token.getJWTClaimsSet().getClaim("atc")).get("ca"));
    }

    @Test
    @RunAsClient
    void answersMalformedRequestsWith400() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        String accessToken = pa.newAccountWithUser(account, false, spc);
        String tk = tkvalue(spc);

        assertProblem(pa.token(accessToken, account, atc(tk, false, "SHA256 56:3E")), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, atc(tk, false, FINGERPRINT.replace("SHA256", "SHA1"))), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, atc("not*base64", false, FINGERPRINT)), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, "{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"" + tk
                + "\",\"ca\":\"yes\",\"fingerprint\":\"" + FINGERPRINT + "\"}}"), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, "{\"atc\":{\"tktype\":\"JWTClaimConstraints\",\"tkvalue\":\"" + tk
                + "\",\"fingerprint\":\"" + FINGERPRINT + "\"}}"), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, "{\"atc\":"), 400, MALFORMED);
        assertProblem(pa.token(accessToken, account, "[1,2]"), 400, MALFORMED);
        var wrongType = Http.send(HttpRequest.newBuilder(base().resolve("api/v1/account/" + account + "/token"))
                .header("Authorization", accessToken).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(atc(tk, false, FINGERPRINT))));
        assertProblem(wrongType, 415, "urn:shaken-pki:problem:unsupported-media-type");
        assertProblem(pa.token("", account, atc(tk, false, FINGERPRINT)), 401, "urn:shaken-pki:problem:unauthenticated");
        assertProblem(pa.token("not-a-token", account, atc(tk, false, FINGERPRINT)), 401, "urn:shaken-pki:problem:unauthenticated");
    }

    @Test
    void wrongCredentialsAre401AuditedAndThrottledPerSource() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        pa.newAccountWithUser(account, false, spc());
        String user = account + "-api";
        String source = documentationSource();

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(loginFrom(source, user, "wrong password"), 401, "urn:shaken-pki:problem:unauthenticated");
        }
        var throttled = loginFrom(source, user, StiPaClient.password(account));
        Map<String, Object> problem = assertProblem(throttled, 429, "urn:ietf:params:acme:error:rateLimited");
        long retryAfter = ((Number) problem.get("retryAfter")).longValue();
        assertTrue(retryAfter >= 1 && retryAfter <= 31, problem.toString());
        assertEquals(String.valueOf(retryAfter), throttled.headers().firstValue("Retry-After").orElse(""));
        // the source is refused, the user is not: from elsewhere the right password works at once
        check(pa.loginResponse(user, StiPaClient.password(account)), 200);

        List<AuditRecord> records = audit.forSubject("user:" + user);
        assertEquals(6, records.stream().filter(r -> r.outcome() == Outcome.REFUSED && r.action().equals("pa.login")).count(),
                records.stream().map(AuditRecord::detail).toList().toString());
        assertTrue(records.stream().anyMatch(r -> r.detail().contains("wrong password") && r.detail().contains(counted(source))),
                records.stream().map(AuditRecord::detail).toList().toString());
        assertProblem(pa.loginResponse("nobody-" + account, "x"), 401, "urn:shaken-pki:problem:unauthenticated");
    }

    @Test
    void aBurstOfBadLoginsForServiceUsersDoesNotLockThemOut() throws Exception {
        String attacker = documentationSource();
        for (String service : List.of("admin", "local-sti-vs")) {
            for (int attempt = 1; attempt <= 7; attempt++) {
                // a service user's password is always checked, so the answer stays 401, never a lock
                assertProblem(loginFrom(attacker, service, "guess-" + attempt), 401, "urn:shaken-pki:problem:unauthenticated");
            }
        }
        // the attacker's source is refused for everyone else, with a Retry-After
        Map<String, Object> refused = assertProblem(loginFrom(attacker, "nobody-" + UUID.randomUUID(), "x"), 429,
                "urn:ietf:params:acme:error:rateLimited");
        assertTrue(((Number) refused.get("retryAfter")).longValue() >= 1, refused.toString());

        // the real service users still log in with their secrets, from their own source and from the attacker's
        for (String service : List.of("admin", "local-sti-vs")) {
            String secret = Files.readString(stiPaFile(service + ".password")).strip();
            check(loginFrom(null, service, secret), 200);
            check(loginFrom(attacker, service, secret), 200);
        }
        assertTrue(audit.forSubject("user:local-sti-vs").stream().anyMatch(r -> r.outcome() == Outcome.REFUSED
                && r.detail().contains("wrong password") && r.detail().contains(counted(attacker))));
    }

    @Test
    void failuresFromManySourcesLockAChosenPasswordButNeverAServiceUser() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        pa.newAccountWithUser(account, false, spc());
        String user = account + "-api";
        for (int source = 0; source < 4; source++) {
            String from = documentationSource();
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertProblem(loginFrom(from, user, "wrong"), 401, "urn:shaken-pki:problem:unauthenticated");
            }
        }
        // 20 failures over four sources: the person-chosen password is locked wherever the next try comes from
        assertProblem(loginFrom(documentationSource(), user, StiPaClient.password(account)), 429,
                "urn:ietf:params:acme:error:rateLimited");
        // the service user, with more failures than that, is not
        String from = documentationSource();
        for (int attempt = 1; attempt <= 21; attempt++) {
            assertProblem(loginFrom(from, "local-sti-vs", "wrong"), 401, "urn:shaken-pki:problem:unauthenticated");
        }
        check(loginFrom(documentationSource(), "local-sti-vs", Files.readString(stiPaFile("local-sti-vs.password")).strip()), 200);
    }

    /** A login as a client at {@code source} would make through a trusted proxy (null: the loopback peer itself). */
    private static java.net.http.HttpResponse<String> loginFrom(String source, String userId, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(userId)
                        + ",\"password\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(password) + "}"));
        if (source != null) {
            request.header("X-Forwarded-For", source);
        }
        return Http.send(request);
    }

    /** A fresh client source in the IPv6 documentation prefix (RFC 3849): only a header value, never contacted. */
    private static String documentationSource() {
        java.util.Random random = new java.util.Random();
        return String.format("2001:db8:%x:%x::1", random.nextInt(0x10000), random.nextInt(0x10000));
    }

    /** The source key the STI-PA counts a documentation source under: its /64. */
    private static String counted(String source) {
        return source.replace("::1", "::/64");
    }

    private static Path stiPaFile(String name) {
        return Path.of(System.getProperty("it.data.dir", "target/it-data"), "sti-pa", name);
    }

    @Test
    @RunAsClient
    void refreshRotatesTokensAndLogoutEndsTheSession() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String account = accountId();
        String spc = spc();
        pa.newAccountWithUser(account, false, spc);
        Map<String, Object> login = Http.json(check(pa.loginResponse(account + "-api", StiPaClient.password(account)), 200));
        String refreshToken = (String) login.get("refreshToken");

        var refreshed = check(Http.post(base().resolve("api/v1/auth/refresh"), "application/json",
                "{\"refreshToken\":\"" + refreshToken + "\"}"), 200);
        String newAccess = (String) Http.json(refreshed).get("accessToken");
        assertProblem(pa.token((String) login.get("accessToken"), account, atc(tkvalue(spc), false, FINGERPRINT)), 401,
                "urn:shaken-pki:problem:unauthenticated");
        check(pa.token(newAccess, account, atc(tkvalue(spc), false, FINGERPRINT)), 200);
        assertProblem(Http.post(base().resolve("api/v1/auth/refresh"), "application/json",
                "{\"refreshToken\":\"" + refreshToken + "\"}"), 401, "urn:shaken-pki:problem:unauthenticated");

        check(Http.send(HttpRequest.newBuilder(base().resolve("api/v1/auth/logout")).header("Authorization", newAccess)
                .POST(HttpRequest.BodyPublishers.noBody())), 200);
        assertProblem(pa.token(newAccess, account, atc(tkvalue(spc), false, FINGERPRINT)), 401,
                "urn:shaken-pki:problem:unauthenticated");
    }

    @Test
    @RunAsClient
    void trustListVerifiesWithTheStiPaCertificateAndItsSequenceGrows() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String accessToken = pa.newAccountWithUser(accountId(), false, spc());
        // a root of its own: other tests keep the vectors' STI-CA on the list
        String stiCaRoot = RevocationFixtures.pem(RevocationFixtures.newCa("Trust List " + accountId()).root());
        SignedJWT before = caList(accessToken);
        long sequenceBefore = (Long) before.getJWTClaimsSet().getClaim("sequence");

        var added = check(pa.admin("POST", "api/v1/admin/trust-anchors",
                "{\"certificate\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(stiCaRoot) + "}"), 201);
        String fingerprint = (String) Http.json(added).get("fingerprint");
        SignedJWT after = caList(accessToken);
        assertTrue(after.verify(new ECDSAVerifier((ECPublicKey) fetchChain(after.getHeader().getX509CertURL()).get(0).getPublicKey())));
        assertEquals("1.0", after.getJWTClaimsSet().getClaim("version"));
        assertTrue((Long) after.getJWTClaimsSet().getClaim("sequence") > sequenceBefore);
        assertTrue(after.getJWTClaimsSet().getStringListClaim("trustList").stream()
                .anyMatch(pem -> pem.replaceAll("\\s", "").equals(stiCaRoot.replaceAll("\\s", ""))));

        check(pa.admin("DELETE", "api/v1/admin/trust-anchors/" + fingerprint, null), 204);
        SignedJWT removed = caList(accessToken);
        assertTrue((Long) removed.getJWTClaimsSet().getClaim("sequence") > (Long) after.getJWTClaimsSet().getClaim("sequence"));
        assertFalse(removed.getJWTClaimsSet().getStringListClaim("trustList").stream()
                .anyMatch(pem -> pem.replaceAll("\\s", "").equals(stiCaRoot.replaceAll("\\s", ""))));
    }

    @Test
    @RunAsClient
    void aServiceProviderRevokesItsOwnCertificateOntoTheIndirectCrl() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String chain = resource("vectors/leaf-1234-chain.pem");
        String payload = "{\"certificate\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(chain)
                + ",\"reason\":\"keyCompromise\"}";
        check(pa.admin("POST", "api/v1/admin/trust-anchors",
                "{\"certificate\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(resource("vectors/ca-root.pem")) + "}"), 201);
        String stranger = pa.newAccountWithUser(accountId(), false, spc());
        var refused = Http.send(HttpRequest.newBuilder(base().resolve("api/v1/revocations")).header("Authorization", stranger)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)));
        assertProblem(refused, 403, FORBIDDEN);

        String owner = pa.newAccountWithUser(accountId(), false, "1234");
        var revoked = check(Http.send(HttpRequest.newBuilder(base().resolve("api/v1/revocations")).header("Authorization", owner)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload))), 200);
        assertEquals("certificate revoked", Http.json(revoked).get("message"));

        var crl = Http.sendBytes(HttpRequest.newBuilder(base().resolve("download/v1/crl")).GET());
        assertEquals("application/pkix-crl", crl.headers().firstValue("Content-Type").orElse(""));
        Path der = Files.createTempFile("sti-pa", ".crl");
        Files.write(der, crl.body());
        String text = openssl("crl", "-inform", "DER", "-in", der.toString(), "-noout", "-text");
        assertTrue(text.contains("Issuer: CN = STI-PA CRL"), text);
        assertTrue(text.contains("Indirect CRL"), text);
        assertTrue(text.contains("Serial Number: 3D5390EE86CDB8370862344CD6BE0838"), text);
        assertTrue(text.contains("Certificate Issuer: critical"), text);
        assertTrue(text.contains("DirName:C = US, O = Example STI-CA Inc, CN = Example SHAKEN Intermediate CA")
                || text.contains("DirName:/C=US/O=Example STI-CA Inc/CN=Example SHAKEN Intermediate CA"), text);
        assertTrue(text.contains("Key Compromise"), text);

        // the CRL is signed by the STI-PA CRL signer, which chains to the STI-PA root
        X509Certificate crlSigner = fetchChain(base().resolve("download/v1/certificate/sti-pa-crl-signer.crt")).get(0);
        var parsed = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        parsed.verify(crlSigner.getPublicKey());
        validates(crlSigner, stiPaRoot());
    }

    @Test
    void aVerifierMayRevokeNothingAndTheCrlStaysAsItWas() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        RevocationFixtures.Ca ca = trusted(pa, RevocationFixtures.vectorCa());
        String spc = spc();
        pa.newAccountWithUser(accountId(), false, spc);
        X509Certificate leaf = ca.issue(spc);
        String verifier = pa.login("local-sti-vs", Files.readString(stiPaFile("local-sti-vs.password")).strip());
        X509CRL before = RevocationFixtures.crl(base());

        assertProblem(Http.send(RevocationFixtures.revocation(base(), verifier,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(leaf, ca.intermediate())))), 403, FORBIDDEN);
        assertProblem(Http.send(RevocationFixtures.revocation(base(), verifier, RevocationFixtures.byIssuerAndSerial(leaf))),
                403, FORBIDDEN);

        assertCrlUnchanged(before, leaf);
        assertTrue(audit.forSubject("user:local-sti-vs").stream().anyMatch(r -> r.action().equals("pa.revoke")
                && r.outcome() == Outcome.REFUSED && r.detail().contains("a verifier may not revoke")));
    }

    @Test
    void anStiCaUserRevokesOnlyCertificatesOfTheStiCaItIsBoundTo() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        RevocationFixtures.Ca x = trusted(pa, RevocationFixtures.newCa("STI-CA X " + accountId()));
        RevocationFixtures.Ca y = trusted(pa, RevocationFixtures.vectorCa());
        String user = "sti-ca-x-" + accountId().toLowerCase();
        check(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + user + "\",\"role\":\"STI_CA\",\"password\":\""
                + StiPaClient.password(user) + "\",\"caFingerprint\":\"" + x.fingerprint().toUpperCase() + "\"}"), 201);
        String token = pa.login(user, StiPaClient.password(user));
        X509Certificate ofY = y.issue(spc());
        X509CRL before = RevocationFixtures.crl(base());

        assertProblem(Http.send(RevocationFixtures.revocation(base(), token,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(ofY, y.intermediate())))), 403, FORBIDDEN);
        assertProblem(Http.send(RevocationFixtures.revocation(base(), token, RevocationFixtures.byIssuerAndSerial(ofY))),
                403, FORBIDDEN);
        assertCrlUnchanged(before, ofY);

        X509Certificate ofX = x.issue(spc());
        var revoked = check(Http.send(RevocationFixtures.revocation(base(), token,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(ofX, x.intermediate())))), 200);
        assertEquals("certificate revoked", Http.json(revoked).get("message"));
        assertTrue(RevocationFixtures.lists(RevocationFixtures.crl(base()), ofX), "the STI-CA's own certificate is listed");
    }

    @Test
    void anStiCaUserIsBoundToARootOnTheTrustList() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String user = "sti-ca-" + accountId().toLowerCase();
        assertProblem(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + user + "\",\"role\":\"STI_CA\"}"), 400, MALFORMED);
        String offTheList = RevocationFixtures.newCa("Unapproved " + accountId()).fingerprint();
        assertProblem(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + user + "\",\"role\":\"STI_CA\",\"caFingerprint\":\""
                + offTheList + "\"}"), 404, "urn:shaken-pki:problem:not-found");
        assertProblem(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + user + "\",\"role\":\"VERIFIER\",\"caFingerprint\":\""
                + offTheList + "\"}"), 400, MALFORMED);

        // an SP API user belongs to an account: without one it is a bad request, not a server error
        assertProblem(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + user + "\",\"role\":\"SP_API\"}"), 400, MALFORMED);
    }

    @Test
    void aSelfMadeCertificateAheadOfTheAttackersOwnChainDoesNotRevokeTheVictim() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        RevocationFixtures.Ca ca = trusted(pa, RevocationFixtures.vectorCa());
        String victimSpc = spc();
        pa.newAccountWithUser(accountId(), false, victimSpc);
        X509Certificate victims = ca.issue(victimSpc);
        String attackerSpc = spc() + "A";
        String attacker = pa.newAccountWithUser(accountId(), false, attackerSpc);
        X509Certificate own = ca.issue(attackerSpc);
        X509Certificate forged = RevocationFixtures.selfMade(victims.getIssuerX500Principal(), victims.getSerialNumber(), attackerSpc);
        X509CRL before = RevocationFixtures.crl(base());

        var refused = assertProblem(Http.send(RevocationFixtures.revocation(base(), attacker,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(forged, own, ca.intermediate())))), 403, FORBIDDEN);
        assertTrue(String.valueOf(refused.get("detail")).contains("does not validate"), refused.toString());

        assertCrlUnchanged(before, victims);
        assertFalse(RevocationFixtures.lists(RevocationFixtures.crl(base()), own));
    }

    @Test
    void aServiceProviderRevokesItsOwnCertificateButNotAnotherAccounts() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        RevocationFixtures.Ca ca = trusted(pa, RevocationFixtures.vectorCa());
        String victimSpc = spc();
        pa.newAccountWithUser(accountId(), false, victimSpc);
        X509Certificate victims = ca.issue(victimSpc);
        String ownSpc = spc() + "B";
        String token = pa.newAccountWithUser(accountId(), false, ownSpc);
        X509Certificate own = ca.issue(ownSpc);
        X509CRL before = RevocationFixtures.crl(base());

        assertProblem(Http.send(RevocationFixtures.revocation(base(), token,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(victims, ca.intermediate())))), 403, FORBIDDEN);
        assertProblem(Http.send(RevocationFixtures.revocation(base(), token, RevocationFixtures.byIssuerAndSerial(victims))),
                403, FORBIDDEN);
        // its own certificate, named without the chain that proves it, is refused as well
        assertProblem(Http.send(RevocationFixtures.revocation(base(), token, RevocationFixtures.byIssuerAndSerial(own))),
                403, FORBIDDEN);
        assertCrlUnchanged(before, victims);

        var revoked = check(Http.send(RevocationFixtures.revocation(base(), token,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(own, ca.intermediate())))), 200);
        assertEquals("certificate revoked", Http.json(revoked).get("message"));
        assertEquals(own.getSerialNumber().toString(16), Http.json(revoked).get("serialNumber"));
        X509CRL after = RevocationFixtures.crl(base());
        assertTrue(RevocationFixtures.lists(after, own), "the caller's own certificate is listed");
        assertFalse(RevocationFixtures.lists(after, victims));
        assertTrue(RevocationFixtures.crlNumber(after).compareTo(RevocationFixtures.crlNumber(before)) > 0);
        var again = check(Http.send(RevocationFixtures.revocation(base(), token,
                RevocationFixtures.byCertificate(RevocationFixtures.pem(own, ca.intermediate())))), 200);
        assertEquals("certificate was already revoked", Http.json(again).get("message"));
    }

    @Test
    void nonAdministratorsAreRefusedEveryAdministrativeOperation() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        RevocationFixtures.Ca listed = trusted(pa, RevocationFixtures.vectorCa());
        String account = accountId();
        String spToken = pa.newAccountWithUser(account, false, spc());
        String verifierToken = pa.login("local-sti-vs", Files.readString(stiPaFile("local-sti-vs.password")).strip());
        RevocationFixtures.Ca unlisted = RevocationFixtures.newCa("Not Approved " + account);
        String newAccount = accountId();
        String newUser = "intruder-" + account.toLowerCase();
        String[][] operations = {
                {"GET", "api/v1/admin/accounts", null},
                {"POST", "api/v1/admin/accounts", "{\"accountId\":\"" + newAccount + "\",\"name\":\"x\",\"spcs\":[]}"},
                {"GET", "api/v1/admin/accounts/" + account, null},
                {"PATCH", "api/v1/admin/accounts/" + account, "{\"caAllowed\":true}"},
                {"POST", "api/v1/admin/accounts/" + account + "/spcs", "{\"spc\":\"" + spc() + "C\"}"},
                {"POST", "api/v1/admin/users", "{\"userId\":\"" + newUser + "\",\"role\":\"ADMIN\",\"password\":\"long-enough-password\"}"},
                {"PATCH", "api/v1/admin/users/admin", "{\"active\":false}"},
                {"GET", "api/v1/admin/trust-anchors", null},
                {"POST", "api/v1/admin/trust-anchors", "{\"certificate\":"
                        + com.nimbusds.jose.util.JSONStringUtils.toJSONString(RevocationFixtures.pem(unlisted.root())) + "}"},
                {"DELETE", "api/v1/admin/trust-anchors/" + listed.fingerprint(), null},
                {"GET", "api/v1/admin/revocations", null},
                {"GET", "api/v1/admin/audit?limit=5", null},
                {"GET", "api/v1/admin/audit/chain", null},
        };
        for (String token : List.of(spToken, verifierToken)) {
            for (String[] operation : operations) {
                var response = Http.send(HttpRequest.newBuilder(base().resolve(operation[1])).header("Authorization", token)
                        .header("Content-Type", "application/json").method(operation[0], operation[2] == null
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(operation[2])));
                assertProblem(response, 403, FORBIDDEN);
            }
        }
        String anchors = check(pa.admin("GET", "api/v1/admin/trust-anchors", null), 200).body();
        assertTrue(anchors.contains(listed.fingerprint()), "a refused removal removed the root");
        assertFalse(anchors.contains(unlisted.fingerprint()), "a refused addition added the root");
        assertProblem(pa.admin("GET", "api/v1/admin/accounts/" + newAccount, null), 404, "urn:shaken-pki:problem:not-found");
        assertFalse(check(pa.admin("GET", "api/v1/admin/accounts/" + account, null), 200).body().contains("\"caAllowed\":true"));
        check(pa.loginResponse("admin", Files.readString(stiPaFile("admin.password")).strip()), 200);
        assertTrue(audit.forSubject("trust-list").stream().anyMatch(r -> r.action().equals("pa.trust-list.add")
                && r.outcome() == Outcome.REFUSED && r.actor().equals(account + "-api")));
        assertTrue(audit.forSubject("audit-chain").stream().anyMatch(r -> r.outcome() == Outcome.REFUSED
                && r.actor().equals("local-sti-vs")));
    }

    /** Puts the CA's root on the trust list (a no-op when it is there). */
    private static RevocationFixtures.Ca trusted(StiPaClient pa, RevocationFixtures.Ca ca) throws Exception {
        check(pa.admin("POST", "api/v1/admin/trust-anchors", "{\"certificate\":"
                + com.nimbusds.jose.util.JSONStringUtils.toJSONString(RevocationFixtures.pem(ca.root())) + "}"), 201);
        return ca;
    }

    private static void assertCrlUnchanged(X509CRL before, X509Certificate notRevoked) throws Exception {
        X509CRL after = RevocationFixtures.crl(base());
        assertFalse(RevocationFixtures.lists(after, notRevoked), "the refused revocation is on the CRL");
        assertEquals(RevocationFixtures.crlNumber(before), RevocationFixtures.crlNumber(after), "the CRL was reissued");
    }

    private SignedJWT caList(String accessToken) throws Exception {
        var response = check(Http.send(HttpRequest.newBuilder(base().resolve("api/v1/ca-list"))
                .header("Authorization", accessToken).GET()), 200);
        return SignedJWT.parse((String) Http.json(response).get("caList"));
    }

    private X509Certificate stiPaRoot() throws Exception {
        String published = check(Http.get(base().resolve("download/v1/certificate/sti-pa-root.crt")), 200).body();
        Path file = Path.of(System.getProperty("it.data.dir", "target/it-data"), "sti-pa", "root.pem");
        assertEquals(Files.readString(file).strip(), published.strip(), "root.pem and the published root differ");
        return parse(published).get(0);
    }

    private List<X509Certificate> fetchChain(URI x5u) throws Exception {
        var response = check(Http.get(x5u), 200);
        return parse(response.body());
    }

    private static List<X509Certificate> parse(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toList();
    }

    private static void validates(X509Certificate certificate, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    private static String resource(String name) throws Exception {
        try (var in = PaIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static String openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
