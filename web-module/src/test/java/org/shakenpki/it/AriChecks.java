package org.shakenpki.it;

import org.shakenpki.ca.AriCertId;
import org.shakenpki.ca.RenewalWindow;
import org.shakenpki.kms.TkAuthChallenge;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;
import static org.shakenpki.web.acme.AcmeFixtures.assertHeadersMatch;
import static org.shakenpki.web.acme.AcmeFixtures.assertMatches;

/** The client side of {@link AriIT}: what acme4j, a hand-made ACME client and the STI-CA operator see over HTTPS. */
final class AriChecks {
    private static final String ACME = "urn:ietf:params:acme:error:";
    private static final String RENEWAL_INFO = AcmeFlows.HTTPS + "/acme/renewal-info/";
    private static final String PULL_FORWARD = AcmeFlows.HTTPS + "/sti-ca/admin/v1/renewal-windows/pull-forward";

    private AriChecks() {
    }

    /** A certificate acme4j obtained, with the account that ordered it. */
    record Issued(KeyPair accountKey, Login login, Order order, X509Certificate certificate, TNAuthList identifier) {
        String kid() {
            return login.getAccountLocation().toString();
        }

        Duration lifetime() {
            return Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
    }

    static void directory() throws Exception {
        assertMatches("directory", Http.get(URI.create(AcmeFlows.HTTPS + "/acme/directory")).body());
        Session session = AcmeFlows.session();
        assertEquals(Set.of("end-entity", "short-lived", "delegate-ca"), session.getMetadata().getProfiles());
        assertTrue(session.getMetadata().getProfileDescription("short-lived").orElseThrow().contains("7 days"));
        assertEquals(URI.create(AcmeFlows.HTTPS + "/acme/renewal-info").toURL(),
                session.resourceUrlOptional(Resource.RENEWAL_INFO).orElseThrow());
    }

    static void shortLivedRenewalInfoAndReplaces() throws Exception {
        Issued issued = issue("1234", "short-lived", false);
        assertEquals("short-lived", issued.order().getProfile());
        assertEquals(Duration.ofDays(7), issued.lifetime(), "the short-lived profile's validity (shakenpki.ca.short-lived-validity)");
        X509Certificate certificate = issued.certificate();
        String certId = AriCertId.of(certificate).toString();

        // acme4j builds the renewalInfo URL with its own certID code (RFC 9773 section 4.1) and GETs it
        RenewalInfo info = issued.login().bindRenewalInfo(certificate);
        assertEquals(RENEWAL_INFO + certId, info.getLocation().toString());
        Optional<Instant> retryAfter = info.fetch();
        RenewalWindow expected = RenewalWindow.standard(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertEquals(expected.start(), info.getSuggestedWindowStart());
        assertEquals(expected.end(), info.getSuggestedWindowEnd());
        Instant inSixHours = Instant.now().plus(Duration.ofHours(6));
        assertTrue(retryAfter.orElseThrow().isAfter(inSixHours.minusSeconds(120)) && retryAfter.get().isBefore(inSixHours.plusSeconds(120)),
                "Retry-After: " + retryAfter);
        assertTrue(info.renewalIsNotRequired(Instant.now()));
        HttpResponse<String> raw = Http.get(info.getLocation().toURI());
        assertMatches("renewal-info", raw.body());
        assertHeadersMatch("renewal-info", raw.statusCode(), name -> raw.headers().firstValue(name).orElse(null));

        // a renewal names it in replaces, which the order reflects (section 5)
        Order replacing = newOrder(issued.login(), issued.identifier(), "short-lived").replaces(certificate).create();
        assertEquals(certId, replacing.getJSON().get("replaces").asString());
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        assertMatches("order-replacing", acme.postAs(issued.kid(), issued.accountKey(), replacing.getLocation().toString(), "").body());

        // while that order is not invalid, the certificate is replaced: 409 alreadyReplaced
        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> newOrder(issued.login(), issued.identifier(), null).replaces(certificate).create());
        assertEquals(URI.create(ACME + "alreadyReplaced"), again.getType());
        HttpResponse<String> twice = acme.postAs(issued.kid(), issued.accountKey(), acme.url("new-order"), replacesPayload(issued.identifier(), certId));
        assertProblem(twice, 409, ACME + "alreadyReplaced");
        assertMatches("problem-already-replaced", twice.body());

        // another account may not name it (section 5: "correspond to the same ACME Account")
        KeyPair otherKey = TestStiPa.p256();
        String otherKid = acme.newAccount(otherKey);
        Map<String, Object> foreign = assertProblem(acme.postAs(otherKid, otherKey, acme.url("new-order"),
                replacesPayload(issued.identifier(), certId)), 403, ACME + "unauthorized");
        assertTrue(((String) foreign.get("detail")).contains("another ACME account"), foreign.toString());

        // nor may an order for another TNAuthList, nor a malformed or unknown certID
        Map<String, Object> otherIdentifier = assertProblem(acme.postAs(issued.kid(), issued.accountKey(), acme.url("new-order"),
                replacesPayload(TNAuthList.ofSpc("4321"), certId)), 400, ACME + "malformed");
        assertTrue(((String) otherIdentifier.get("detail")).contains("another TNAuthList"), otherIdentifier.toString());
        assertProblem(acme.postAs(issued.kid(), issued.accountKey(), acme.url("new-order"),
                replacesPayload(issued.identifier(), "not-a-cert-id")), 400, ACME + "malformed");
        assertProblem(acme.postAs(issued.kid(), issued.accountKey(), acme.url("new-order"),
                replacesPayload(issued.identifier(), "AQID." + certId.substring(certId.indexOf('.') + 1))), 400, ACME + "malformed");
    }

    static void invalidProfiles() throws Exception {
        RawAcme acme = new RawAcme(AcmeFlows.HTTPS);
        KeyPair key = TestStiPa.p256();
        String kid = acme.newAccount(key);
        String identifiers = "\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + TNAuthList.ofSpc("1234").toBase64Url() + "\"}]";
        HttpResponse<String> gold = acme.postAs(kid, key, acme.url("new-order"), "{" + identifiers + ",\"profile\":\"gold\"}");
        Map<String, Object> problem = assertProblem(gold, 400, ACME + "invalidProfile");
        assertMatches("problem-invalid-profile", gold.body());
        assertTrue(((String) problem.get("detail")).contains("end-entity, short-lived, delegate-ca"), gold.body());
        assertProblem(acme.postAs(kid, key, acme.url("new-order"), "{" + identifiers + ",\"profile\":7}"), 400, ACME + "malformed");

        // a profile of the other kind than the SPC token allows is refused at finalize
        Order delegateForEndEntity = authorized("4000", "delegate-ca", false);
        AcmeServerException notCa = assertThrows(AcmeServerException.class,
                () -> delegateForEndEntity.execute(TestCsr.of(TestStiPa.p256(), TNAuthList.ofSpc("4000"), false)));
        assertEquals(URI.create(ACME + "invalidProfile"), notCa.getType());
        Order endEntityForCa = authorized("4000", "end-entity", true);
        AcmeServerException ca = assertThrows(AcmeServerException.class,
                () -> endEntityForCa.execute(TestCsr.of(TestStiPa.p256(), TNAuthList.ofSpc("4000"), true)));
        assertEquals(URI.create(ACME + "invalidProfile"), ca.getType());

        // the delegate-ca profile with a ca:true token gives a delegate CA certificate (RFC 9060: cA, pathLen 0)
        Issued delegate = issue("4000", "delegate-ca", true);
        assertEquals(0, delegate.certificate().getBasicConstraints());
        assertEquals("delegate-ca", delegate.order().getProfile());
        // an order that named none shows the profile it was issued under
        Issued plain = issue("1234", null, false);
        assertEquals("end-entity", plain.order().getProfile());
        assertEquals(-1, plain.certificate().getBasicConstraints());
        assertEquals(Duration.ofDays(365), plain.lifetime());
    }

    static void malformedAndUnknownCertIds() throws Exception {
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "not-a-cert-id")), 400, ACME + "malformed");
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "AQID.AAE")), 400, ACME + "malformed"); // a serial that is not DER
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "AQID.AIc=")), 400, ACME + "malformed"); // padded
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "A".repeat(300) + ".AQ")), 400, ACME + "malformed");
        // the RFC's own example names a certificate of another CA
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")), 404, "urn:shaken-pki:problem:not-found");
        // a real serial under another issuer's key identifier is not this certificate
        Issued issued = issue("1234", null, false);
        String certId = AriCertId.of(issued.certificate()).toString();
        assertEquals(200, Http.get(URI.create(RENEWAL_INFO + certId)).statusCode());
        assertProblem(Http.get(URI.create(RENEWAL_INFO + "AQID." + certId.substring(certId.indexOf('.') + 1))), 404,
                "urn:shaken-pki:problem:not-found");
        assertEquals(404, Http.get(URI.create(AcmeFlows.HTTPS + "/acme/renewal-info")).statusCode());
        HttpResponse<String> post = Http.post(URI.create(RENEWAL_INFO + certId), "application/jose+json", "{}");
        assertEquals(405, post.statusCode(), post.body());
    }

    static void pullForwardAdministration() throws Exception {
        Issued issued = issue("1234", null, false);
        X509Certificate certificate = issued.certificate();
        String serial = certificate.getSerialNumber().toString(16);
        String body = "{\"serials\":[\"" + serial + "\"]}";
        assertProblem(pull(body, null), 401, "urn:shaken-pki:problem:unauthenticated");
        assertProblem(pull(body, "Bearer wrong"), 401, "urn:shaken-pki:problem:unauthenticated");
        String token = token();
        for (String bad : List.of("{}", "{\"serials\":[\"" + serial + "\"],\"spc\":\"1234\"}", "{\"serials\":[]}",
                "{\"serials\":[\"zz\"]}", "{\"serials\":[\"abcdef0123456789\"]}", "{\"serials\":[\"" + serial + "\"],\"by\":\"tomorrow\"}",
                "{\"serials\":[\"" + serial + "\"],\"explanationUrl\":\"javascript:alert(1)\"}", "{\"all\":\"yes\"}", "[]")) {
            assertProblem(pull(bad, token), 400, ACME + "malformed");
        }
        assertEquals(200, Http.get(URI.create(RENEWAL_INFO + AriCertId.of(certificate))).statusCode(), "unchanged by refusals");

        // by a time ahead: renewals spread from now to then; the serial may be written as a fingerprint is
        Instant by = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> spread = pull("{\"serials\":[\"" + colons(serial) + "\"],\"by\":\"" + by + "\"}", token);
        assertEquals(200, spread.statusCode(), spread.body());
        assertEquals(1, ((List<?>) Http.json(spread).get("moved")).size(), spread.body());
        RenewalInfo info = issued.login().bindRenewalInfo(certificate);
        info.fetch();
        assertEquals(by, info.getSuggestedWindowEnd());
        assertTrue(info.renewalIsRecommended(Instant.now().plusSeconds(5)));

        // at once, with an explanation: the window has ended
        HttpResponse<String> atOnce = pull("{\"serials\":[\"" + serial + "\"],\"explanationUrl\":\"https://sti-ca.example/incident-7\"}", token);
        assertEquals(200, atOnce.statusCode(), atOnce.body());
        info.fetch();
        assertTrue(info.renewalIsOverdue(Instant.now()));
        assertEquals("https://sti-ca.example/incident-7", info.getExplanation().orElseThrow().toString());
        assertMatches("renewal-info-explained", Http.get(info.getLocation().toURI()).body());

        // a window never moves back; by SPC and for all certificates of the intermediate, a later time moves nothing
        HttpResponse<String> later = pull("{\"serials\":[\"" + serial + "\"],\"by\":\"" + by + "\"}", token);
        assertEquals(0, ((List<?>) Http.json(later).get("moved")).size(), later.body());
        assertEquals(1, ((Number) Http.json(later).get("unchanged")).intValue(), later.body());
        String farAhead = Instant.now().plus(Duration.ofDays(400)).toString();
        HttpResponse<String> bySpc = pull("{\"spc\":\"1234\",\"by\":\"" + farAhead + "\"}", token);
        assertEquals(200, bySpc.statusCode(), bySpc.body());
        assertEquals(0, ((List<?>) Http.json(bySpc).get("moved")).size(), bySpc.body());
        assertTrue(((Number) Http.json(bySpc).get("unchanged")).intValue() >= 1, bySpc.body());
        HttpResponse<String> all = pull("{\"all\":true,\"by\":\"" + farAhead + "\"}", token);
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(((Number) Http.json(all).get("unchanged")).intValue() >= 1, all.body());
    }

    // --- acme4j flows -----------------------------------------------------------------------------------

    /** acme4j: a new account, an order under the profile, tkauth-01, finalize, the certificate. */
    static Issued issue(String spc, String profile, boolean ca) throws Exception {
        KeyPair accountKey = TestStiPa.p256();
        Session session = AcmeFlows.session();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
        Login login = session.login(account.getLocation(), accountKey);
        TNAuthList identifier = TNAuthList.ofSpc(spc);
        Order order = newOrder(login, identifier, profile).create();
        authorize(order, accountKey, identifier, ca);
        order.execute(TestCsr.of(TestStiPa.p256(), identifier, ca));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(10)), () -> order.getError().map(Problem::toString).orElse(""));
        return new Issued(accountKey, login, order, order.getCertificate().getCertificate(), identifier);
    }

    /** An order under the profile whose authorization is valid, not yet finalized. */
    private static Order authorized(String spc, String profile, boolean ca) throws Exception {
        KeyPair accountKey = TestStiPa.p256();
        Session session = AcmeFlows.session();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
        TNAuthList identifier = TNAuthList.ofSpc(spc);
        Order order = newOrder(session.login(account.getLocation(), accountKey), identifier, profile).create();
        authorize(order, accountKey, identifier, ca);
        return order;
    }

    private static OrderBuilder newOrder(Login login, TNAuthList identifier, String profile) {
        OrderBuilder builder = login.newOrder().identifier(new Identifier("TNAuthList", identifier.toBase64Url()));
        return profile == null ? builder : builder.profile(profile);
    }

    private static void authorize(Order order, KeyPair accountKey, TNAuthList identifier, boolean ca) throws Exception {
        TkAuthChallenge challenge = order.getAuthorizations().get(0).findChallenge(TkAuthChallenge.class).orElseThrow();
        challenge.setAuthorityToken(AcmeFlows.stiPa().token(identifier.toBase64Url(),
                Fingerprints.format(Fingerprints.jwkThumbprint(accountKey.getPublic())), ca, Duration.ofMinutes(10)));
        challenge.trigger();
        assertEquals(Status.VALID, challenge.waitForCompletion(Duration.ofSeconds(10)),
                () -> challenge.getError().map(Problem::toString).orElse(""));
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(10)));
    }

    private static String replacesPayload(TNAuthList identifier, String certId) {
        return "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + identifier.toBase64Url() + "\"}],\"replaces\":\"" + certId + "\"}";
    }

    // --- the operator's API -----------------------------------------------------------------------------

    private static HttpResponse<String> pull(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PULL_FORWARD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    private static String token() throws Exception {
        return "Bearer " + Files.readString(Path.of(System.getProperty("it.data.dir")).resolve("ca/admin.token")).strip();
    }

    /** A serial as "AB:CD:..." (upper case, colons), as a certificate viewer shows it. */
    private static String colons(String hex) {
        String even = hex.length() % 2 == 0 ? hex : "0" + hex;
        return even.toUpperCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }
}
