package org.shakenpki.it;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.pkix.TNAuthList;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JoseUtils;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;

/**
 * The client side of {@link StiCaIT}'s External Account Binding cases (RFC 8555 section 7.3.4): the STI-CA admin
 * API that records subscribers and issues EAB keys, then acme4j and a hand-made client presenting good and
 * forged bindings, and certbot. The IT server runs with {@code shakenpki.ca.external-account-required=false}: a
 * binding that is sent is verified all the same; the cases of {@code true} switch it for their duration
 * ({@link org.shakenpki.ca.CaSettingsProbe}).
 */
final class EabChecks {
    private static final String ACME = "urn:ietf:params:acme:error:";
    private static final String ADMIN = AcmeFlows.HTTPS + "/sti-ca/admin/v1/subscribers";

    /** An EAB key as the admin API returned it. */
    record Eab(String kid, String hmacKey) {
    }

    private EabChecks() {
    }

    static void subscriberAdministration() throws Exception {
        String body = subscriberJson("it-admin", "1111");
        assertProblem(admin("POST", "", body, null), 401, "urn:shaken-pki:problem:unauthenticated");
        assertProblem(admin("POST", "", body, "Bearer wrong"), 401, "urn:shaken-pki:problem:unauthenticated");
        HttpResponse<String> created = admin("POST", "", body, token());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/sti-ca/admin/v1/subscribers/it-admin"));
        Map<String, Object> json = Http.json(created);
        assertEquals("ACTIVE", json.get("state"));
        assertEquals(Map.of("O", "IT Telecom, Inc.", "C", "US", "ST", "NJ", "L", "Bridgewater"), json.get("subject"));
        assertProblem(admin("POST", "", body, token()), 409, "urn:shaken-pki:problem:conflict");
        assertProblem(admin("POST", "", "{\"id\":\"Bad Id\",\"legalName\":\"x\",\"subject\":{\"O\":\"x\"},\"spcs\":[\"1\"],\"contact\":\"x\"}",
                token()), 400, ACME + "malformed");
        assertProblem(admin("POST", "", "{\"id\":\"x\",\"legalName\":\"x\",\"subject\":{\"O\":\"x\",\"CN\":\"y\"},\"spcs\":[\"1\"],\"contact\":\"x\"}",
                token()), 400, ACME + "malformed");
        assertProblem(admin("POST", "", "{\"id\":\"x\",\"legalName\":\"x\",\"subject\":{\"O\":\"x\",\"C\":\"usa\"},\"spcs\":[\"1\"],\"contact\":\"x\"}",
                token()), 400, ACME + "malformed");
        assertProblem(admin("POST", "", "{\"id\":\"x\",\"legalName\":\"x\",\"subject\":{\"O\":\"x\"},\"spcs\":[\"1 2\"],\"contact\":\"x\"}",
                token()), 400, ACME + "malformed");
        HttpResponse<String> list = admin("GET", "", null, token());
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"it-admin\""), list.body());
        assertProblem(admin("GET", "", null, null), 401, "urn:shaken-pki:problem:unauthenticated");
        assertProblem(admin("POST", "/nobody/eab", null, token()), 404, "urn:shaken-pki:problem:not-found");
        assertProblem(admin("POST", "/it-admin/eab", null, null), 401, "urn:shaken-pki:problem:unauthenticated");
        Eab eab = eab("it-admin");
        assertEquals(32, Base64.getUrlDecoder().decode(eab.hmacKey()).length);
        // the HMAC key is shown once: neither the subscriber nor the list carries it
        assertFalse(admin("GET", "/it-admin", null, token()).body().contains(eab.hmacKey()));
        assertFalse(admin("GET", "", null, token()).body().contains(eab.hmacKey()));
    }

    static void acme4jBindsAnAccountAndAReplayBySecondAccountIsRefused() throws Exception {
        Eab eab = eab(subscriber("it-bound", "2222"));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(TestStiPa.p256())
                .withKeyIdentifier(eab.kid(), eab.hmacKey()).create(AcmeFlows.session());
        assertNotNull(account.getLocation());
        // the bound account orders as any other
        assertNotNull(account.newOrder().identifier(new Identifier("TNAuthList",
                org.shakenpki.pkix.TNAuthList.ofSpc("2222").toBase64Url())).create().getLocation());
        // the same credentials, honestly MACed over a second account key: the binding is used up
        AcmeServerException replay = assertThrows(AcmeServerException.class, () -> new AccountBuilder().agreeToTermsOfService()
                .useKeyPair(TestStiPa.p256()).withKeyIdentifier(eab.kid(), eab.hmacKey()).create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "unauthorized"), replay.getType(), replay.getMessage());
        assertTrue(replay.getMessage().contains("bound to another account"), replay.getMessage());
    }

    static void forgedBindingsAreRefused() throws Exception {
        Eab eab = eab(subscriber("it-forged", "3333"));
        // acme4j with a wrong HMAC key
        byte[] wrong = Base64.getUrlDecoder().decode(eab.hmacKey());
        wrong[0] ^= 1;
        AcmeServerException badMac = assertThrows(AcmeServerException.class, () -> new AccountBuilder().agreeToTermsOfService()
                .useKeyPair(TestStiPa.p256()).withKeyIdentifier(eab.kid(), Base64.getUrlEncoder().withoutPadding().encodeToString(wrong))
                .create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "unauthorized"), badMac.getType(), badMac.getMessage());
        // an unknown kid
        AcmeServerException unknown = assertThrows(AcmeServerException.class, () -> new AccountBuilder().agreeToTermsOfService()
                .useKeyPair(TestStiPa.p256()).withKeyIdentifier("no-such-kid", eab.hmacKey()).create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "unauthorized"), unknown.getType(), unknown.getMessage());

        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        // the binding's url is not newAccount's
        assertProblem(newAccount(acme, key, binding(eab, key, acme.url("new-order"))), 403, ACME + "unauthorized");
        // a binding of another key (copied from someone else's request) in a request signed with this key
        assertProblem(newAccount(acme, key, binding(eab, TestStiPa.p256(), acme.url("new-account"))), 403, ACME + "unauthorized");
        // not a JWS at all
        assertProblem(newAccount(acme, key, "not a JWS"), 400, ACME + "malformed");
        Map<String, Object> noSignature = new HashMap<>(binding(eab, key, acme.url("new-account")));
        noSignature.remove("signature");
        assertProblem(newAccount(acme, key, noSignature), 400, ACME + "malformed");
        // none of these used the binding up: the honest request still binds
        HttpResponse<String> honest = newAccount(acme, key, binding(eab, key, acme.url("new-account")));
        assertEquals(201, honest.statusCode(), honest.body());
    }

    static void aSuspendedSubscribersKeyBindsNoAccount() throws Exception {
        String id = subscriber("it-suspended", "4444");
        Eab eab = eab(id);
        assertEquals(200, admin("POST", "/" + id + "/suspend", null, token()).statusCode());
        AcmeServerException suspended = assertThrows(AcmeServerException.class, () -> new AccountBuilder().agreeToTermsOfService()
                .useKeyPair(TestStiPa.p256()).withKeyIdentifier(eab.kid(), eab.hmacKey()).create(AcmeFlows.session()));
        assertEquals(URI.create(ACME + "unauthorized"), suspended.getType(), suspended.getMessage());
        assertProblem(admin("POST", "/" + id + "/eab", null, token()), 403, "urn:shaken-pki:problem:forbidden");
    }

    /**
     * A bound account's certificate names the subscriber as the STI-CA verified it, whatever O the CSR asks for
     * ({@code csr-subject-mismatch=ignore}, the IT server's), and an SPC the subscriber does not serve is refused at
     * newOrder even though the account could get a valid SPC token for it.
     */
    static void aBoundAccountGetsTheVerifiedSubjectAndOnlyItsSpcs() throws Exception {
        Ready ready = readyOrder("it-subject", "5151", "5252");
        // the CSR asks for another provider's O: it is not copied
        ready.order().execute(csr(new X500Name("C=US,O=Other Telecom,CN=SHAKEN 5151"), ready.tnAuthList()));
        assertEquals(Status.VALID, ready.order().waitForCompletion(Duration.ofSeconds(10)));
        assertEquals("subject=CN=SHAKEN 5151,O=IT Telecom\\, Inc.,L=Bridgewater,ST=NJ,C=US", opensslSubject(ready.order()));
    }

    /**
     * With {@code shakenpki.ca.csr-subject-mismatch=badCSR} the same CSR is refused with badCSR naming the attribute;
     * the order stays ready, and a CSR that agrees with the record is issued the verified subject.
     */
    static void withBadCsrAnotherProvidersOIsRefusedNamingTheAttribute() throws Exception {
        Ready ready = readyOrder("it-badcsr", "5353", "5454");
        caSettings("csrSubjectMismatch=badCSR");
        try {
            AcmeServerException refused = assertThrows(AcmeServerException.class,
                    () -> ready.order().execute(csr(new X500Name("C=US,O=Other Telecom,CN=SHAKEN 5353"), ready.tnAuthList())));
            assertEquals(URI.create(ACME + "badCSR"), refused.getType(), refused.getMessage());
            assertTrue(refused.getMessage().contains("O \"Other Telecom\" is not the verified \"IT Telecom, Inc.\""), refused.getMessage());
            ready.order().fetch();
            assertEquals(Status.READY, ready.order().getStatus());
            ready.order().execute(csr(new X500Name("C=US,ST=NJ,O=IT Telecom\\, Inc.,CN=SHAKEN 5353"), ready.tnAuthList()));
            assertEquals(Status.VALID, ready.order().waitForCompletion(Duration.ofSeconds(10)));
            assertEquals("subject=CN=SHAKEN 5353,O=IT Telecom\\, Inc.,L=Bridgewater,ST=NJ,C=US", opensslSubject(ready.order()));
        } finally {
            caSettings("csrSubjectMismatch=ignore");
        }
    }

    /**
     * A used binding replayed byte for byte by a second account: the EAB JWS that bound the first account, sent in a
     * newAccount signed by another key, is refused (it binds the first key), and the first account stays the only one.
     */
    static void aReplayedBindingIsRefusedForASecondAccount() throws Exception {
        String id = subscriber("it-replay", "7171");
        Eab eab = eab(id);
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair first = TestStiPa.p256();
        Map<String, Object> binding = binding(eab, first, acme.url("new-account"));
        HttpResponse<String> bound = newAccount(acme, first, binding);
        assertEquals(201, bound.statusCode(), bound.body());
        Map<String, Object> replay = assertProblem(newAccount(acme, TestStiPa.p256(), binding), 403, ACME + "unauthorized");
        assertTrue(String.valueOf(replay.get("detail")).contains("binds another key"), replay.toString());
        List<Object> keys = JSONArrayUtils.parse(admin("GET", "/" + id + "/eab", null, token()).body());
        assertEquals(1, keys.size(), keys.toString());
        assertEquals(bound.headers().firstValue("Location").orElseThrow(), ((Map<?, ?>) keys.get(0)).get("accountUrl"));
    }

    /**
     * With {@code shakenpki.ca.external-account-required=true}: the directory says so, a newAccount without a binding
     * is externalAccountRequired (acme4j, and a hand-made request), and certbot registers with {@code --eab-kid} and
     * {@code --eab-hmac-key}, binding its account to the subscriber (seen through the admin API), but not without
     * them (certbot reads {@code meta.externalAccountRequired} and stops) nor with a wrong HMAC key (unauthorized).
     */
    static void whenRequiredOnlyABindingRegistersAcme4jAndCertbot() throws Exception {
        Certbot.require();
        String directory = AcmeFlows.HTTPS + "/acme/directory";
        String id = subscriber("it-certbot", "6161");
        Eab eab = eab(id);
        caSettings("externalAccountRequired=true");
        try {
            Map<?, ?> meta = (Map<?, ?>) Http.json(Http.get(URI.create(directory))).get("meta");
            assertEquals(Boolean.TRUE, meta.get("externalAccountRequired"), meta.toString());
            RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
            KeyPair key = TestStiPa.p256();
            String url = acme.url("new-account");
            assertProblem(acme.post(url, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(), "url", url),
                    "{\"termsOfServiceAgreed\":true}", key)), 400, ACME + "externalAccountRequired");
            AcmeServerException acme4j = assertThrows(AcmeServerException.class,
                    () -> new AccountBuilder().agreeToTermsOfService().useKeyPair(TestStiPa.p256()).create(AcmeFlows.session()));
            assertEquals(URI.create(ACME + "externalAccountRequired"), acme4j.getType(), acme4j.getMessage());

            Certbot.Run without = Certbot.register(directory);
            assertNotEquals(0, without.exitCode(), without.output());
            assertTrue(without.output().contains("Server requires external account binding"), without.output());

            Certbot.Run wrongMac = Certbot.register(directory, "--eab-kid=" + eab.kid(), "--eab-hmac-key=" + flipped(eab.hmacKey()));
            assertNotEquals(0, wrongMac.exitCode(), wrongMac.output());
            assertTrue(wrongMac.output().contains("externalAccountBinding MAC does not verify"), wrongMac.output());
            assertTrue(wrongMac.log().contains(ACME + "unauthorized"), wrongMac.log());

            Certbot.Run registered = Certbot.register(directory, "--eab-kid=" + eab.kid(), "--eab-hmac-key=" + eab.hmacKey());
            assertEquals(0, registered.exitCode(), registered.output());
            String accountUrl = registered.accountUrl();
            assertTrue(accountUrl.startsWith(AcmeFlows.HTTPS + "/acme/acct/"), accountUrl);
            List<Object> keys = JSONArrayUtils.parse(admin("GET", "/" + id + "/eab", null, token()).body());
            assertEquals(1, keys.size(), keys.toString());
            Map<?, ?> bound = (Map<?, ?>) keys.get(0);
            assertEquals(eab.kid(), bound.get("kid"));
            assertEquals(accountUrl, bound.get("accountUrl"));
            assertEquals(accountUrl.substring(accountUrl.lastIndexOf('/') + 1), bound.get("account"));
            assertFalse(keys.toString().contains(eab.hmacKey()), "the HMAC key is shown again");
        } finally {
            caSettings("externalAccountRequired=false");
        }
    }

    /** A bound account with a ready order for {@code spc}, after checking that {@code outside} is refused at newOrder. */
    private static Ready readyOrder(String subscriber, String spc, String outside) throws Exception {
        Eab eab = eab(subscriber(subscriber, spc));
        KeyPair accountKey = TestStiPa.p256();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                .withKeyIdentifier(eab.kid(), eab.hmacKey()).create(AcmeFlows.session());
        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> account.newOrder()
                .identifier(new Identifier("TNAuthList", TNAuthList.ofSpc(outside).toBase64Url())).create());
        assertEquals(URI.create(ACME + "rejectedIdentifier"), refused.getType(), refused.getMessage());
        assertTrue(refused.getMessage().contains("not recorded as serving SPC " + outside), refused.getMessage());

        TNAuthList tnAuthList = TNAuthList.ofSpc(spc);
        Order order = account.newOrder().identifier(new Identifier("TNAuthList", tnAuthList.toBase64Url())).create();
        org.shakenpki.kms.TkAuthChallenge challenge = order.getAuthorizations().get(0)
                .findChallenge(org.shakenpki.kms.TkAuthChallenge.class).orElseThrow();
        AcmeFlows.Started started = new AcmeFlows.Started(accountKey, account, order, challenge, tnAuthList);
        challenge.setAuthorityToken(AcmeFlows.token(started, started.jwkFingerprint(), false));
        challenge.trigger();
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(10)));
        return new Ready(order, tnAuthList);
    }

    private record Ready(Order order, TNAuthList tnAuthList) {
    }

    private static byte[] csr(X500Name subject, TNAuthList tnAuthList) throws Exception {
        KeyPair certificateKey = TestStiPa.p256();
        return new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(subject, certificateKey.getPublic())
                .addAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions(tnAuthList))
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(certificateKey.getPrivate()))
                .getEncoded();
    }

    /** The issued certificate's subject as openssl prints it (RFC 2253 order). */
    private static String opensslSubject(Order order) throws Exception {
        java.security.cert.X509Certificate leaf = order.getCertificate().getCertificate();
        Path dir = Files.createTempDirectory(Path.of("target"), "subject");
        Files.writeString(dir.resolve("leaf.pem"), org.shakenpki.pkix.Pem.encode(leaf));
        Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-subject", "-nameopt", "RFC2253", "-in", "leaf.pem")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String subject = new String(openssl.getInputStream().readAllBytes()).strip();
        assertEquals(0, openssl.waitFor());
        return subject;
    }

    /** Switches settings of the running STI-CA ({@link org.shakenpki.ca.CaSettingsProbe}). */
    private static void caSettings(String query) throws Exception {
        HttpResponse<String> changed = Http.post(URI.create(AcmeFlows.HTTPS + "/it-ca-settings?" + query), "text/plain", "");
        assertEquals(200, changed.statusCode(), changed.body());
    }

    private static String flipped(String hmacKey) {
        byte[] wrong = Base64.getUrlDecoder().decode(hmacKey);
        wrong[0] ^= 1;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(wrong);
    }

    private static org.bouncycastle.asn1.x509.Extensions extensions(org.shakenpki.pkix.TNAuthList tnAuthList) throws Exception {
        org.bouncycastle.asn1.x509.ExtensionsGenerator extensions = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        extensions.addExtension(org.shakenpki.pkix.TNAuthList.OID, false, tnAuthList.der());
        return extensions.generate();
    }

    /** A newAccount signed by the key, carrying the binding as its externalAccountBinding. */
    private static HttpResponse<String> newAccount(RawAcme acme, KeyPair key, Object binding) throws Exception {
        String url = acme.url("new-account");
        String payload = JSONObjectUtils.toJSONString(Map.of("termsOfServiceAgreed", true, "externalAccountBinding", binding));
        return acme.post(url, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(), "url", url), payload, key));
    }

    private static Map<String, Object> binding(Eab eab, KeyPair boundKey, String url) throws Exception {
        return JoseUtils.createExternalAccountBinding(eab.kid(), boundKey.getPublic(),
                new SecretKeySpec(Base64.getUrlDecoder().decode(eab.hmacKey()), "HmacSHA256"), "HS256", URI.create(url).toURL());
    }

    private static String subscriber(String id, String spc) throws Exception {
        HttpResponse<String> created = admin("POST", "", subscriberJson(id, spc), token());
        assertEquals(201, created.statusCode(), created.body());
        return id;
    }

    static Eab eab(String subscriber) throws Exception {
        HttpResponse<String> created = admin("POST", "/" + subscriber + "/eab", null, token());
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> json = Http.json(created);
        assertEquals(subscriber, json.get("subscriber"));
        return new Eab((String) json.get("kid"), (String) json.get("hmacKey"));
    }

    private static String subscriberJson(String id, String spc) {
        return JSONObjectUtils.toJSONString(Map.of("id", id, "legalName", "IT Telecom, Inc.",
                "subject", Map.of("O", "IT Telecom, Inc.", "C", "US", "ST", "NJ", "L", "Bridgewater"),
                "spcs", List.of(spc), "contact", "mailto:noc@example.com"));
    }

    private static HttpResponse<String> admin(String method, String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ADMIN + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    private static String token() throws Exception {
        return "Bearer " + Files.readString(Path.of(System.getProperty("it.data.dir")).resolve("ca/admin.token")).strip();
    }
}
