package org.shakenpki.web.acme;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.NonceSupply;
import org.shakenpki.ca.Views;
import org.shakenpki.pkix.TkAuth;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.problem.ProblemDocument;
import org.shakenpki.web.problem.Problems;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.web.acme.AcmeFixtures.assertHeadersMatch;
import static org.shakenpki.web.acme.AcmeFixtures.assertMatches;

/**
 * What the ACME renderers ({@link AcmeJson} over {@code ca.Views}, {@link DirectoryResource}, {@link AcmeHeaders},
 * the problem documents of {@link Problems}) write, against the fixtures of {@link AcmeFixtures}; StiCaIT compares
 * the deployed server's responses with the same fixtures.
 */
class AcmeJsonFixturesTest {
    private static final String BASE = "https://sti-ca.example:8443";
    private static final String ACME = "urn:ietf:params:acme:error:";
    private static final OffsetDateTime EXPIRES = OffsetDateTime.parse("2026-12-08T10:00:00Z");
    private static final OffsetDateTime VALIDATED = OffsetDateTime.parse("2026-12-01T10:00:05.123Z");
    private static final String SPC_1234 = "MAigBhYEMTIzNA";
    private static final String TOKEN = "DGyRejmCefe7v4NfDGDKfA_Sx1iVq2wQ";
    private static final String NONCE = "oFvnlFP1wIhRlYS2jTaXbA";

    private final AcmeUrls urls = AcmeUrls.of(uriInfo(BASE + "/acme/new-order", "acme/new-order"), settings());

    @Test
    void theDirectoryNamesEveryResourceAndTheTerms() {
        DirectoryResource directory = new DirectoryResource();
        directory.settings = settings();
        directory.uriInfo = uriInfo(BASE + "/acme/directory", "acme/directory");
        assertMatches("directory", directory.directory());
    }

    @Test
    void newNonceCarriesANonceTheIndexLinkAndNoStore() {
        assertHeadersMatch("new-nonce", 200, filtered("HEAD", "acme/new-nonce"));
    }

    @Test
    void accountsNewExistingAndDeactivated() {
        Views.Account account = new Views.Account("k7Qx2", "valid", List.of("mailto:noc@example.com"), true);
        assertMatches("account-new", AcmeJson.account(account, urls));
        assertMatches("account-existing", AcmeJson.account(account, urls));
        assertMatches("account-deactivated", AcmeJson.account(new Views.Account("k7Qx2", "deactivated",
                List.of("mailto:noc@example.com"), true), urls));
        Function<String, String> headers = filtered("POST", "acme/new-account");
        Function<String, String> created = name -> "Location".equals(name) ? urls.account("k7Qx2")
                : "Content-Type".equals(name) ? "application/json" : headers.apply(name);
        assertHeadersMatch("account-new", 201, created);
        assertHeadersMatch("account-existing", 200, created);
    }

    @Test
    void ordersPendingReadyAndValidWithTheirCertificateAndChainUrl() {
        assertMatches("order-pending", AcmeJson.order(order("pending", null, null), urls));
        assertMatches("order-ready", AcmeJson.order(order("ready", null, null), urls));
        assertMatches("order-valid", AcmeJson.order(order("valid", "c9", BASE + "/sti-cr/3f1a9c.pem"), urls));
    }

    @Test
    void anOrderShowsItsProfileAndTheCertificateItReplaces() {
        Views.Order replacing = new Views.Order("o5", "pending", EXPIRES, SPC_1234, null, null, "a5", null, null, null,
                "short-lived", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        assertMatches("order-replacing", AcmeJson.order(replacing, urls));
        // without them, the order has neither member (the fixtures of the RFC 8555 orders)
        assertMatches("order-pending", AcmeJson.order(order("pending", null, null), urls));
    }

    @Test
    void renewalInfoWithAndWithoutExplanation() {
        java.time.Instant start = java.time.Instant.parse("2027-08-01T00:00:00Z");
        java.time.Instant end = java.time.Instant.parse("2027-09-01T00:00:00Z");
        assertMatches("renewal-info", AcmeJson.renewalInfo(new Views.RenewalInfo(start, end, null, java.time.Duration.ofHours(6))));
        assertMatches("renewal-info-explained", AcmeJson.renewalInfo(new Views.RenewalInfo(start, end,
                "https://sti-ca.example/incident-42", java.time.Duration.ofHours(6))));
        Function<String, String> headers = filtered("GET", "acme/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        assertHeadersMatch("renewal-info", 200, name -> "Content-Type".equals(name) ? "application/json"
                : "Retry-After".equals(name) ? "21600" : "Cache-Control".equals(name) ? "public, max-age=21600"
                : headers.apply(name));
    }

    @Test
    void authorizationsWithTheirTkAuthChallengePendingValidAndInvalid() {
        assertMatches("authorization-pending", AcmeJson.authorization(authorization("pending", challenge("pending", null, null)), urls));
        assertMatches("authorization-valid", AcmeJson.authorization(authorization("valid", challenge("valid", VALIDATED, null)), urls));
        Views.Problem error = new Views.Problem(ProblemType.UNAUTHORIZED.uri(), "the token has expired or has no exp");
        assertMatches("authorization-invalid", AcmeJson.authorization(authorization("invalid", challenge("invalid", null, error)), urls));
    }

    @Test
    void challengesPendingAndValid() {
        assertMatches("challenge-pending", AcmeJson.challenge(challenge("pending", null, null), urls));
        assertMatches("challenge-valid", AcmeJson.challenge(challenge("valid", VALIDATED, null), urls));
    }

    @Test
    void problemDocuments() {
        assertMatches("problem-malformed", problem(new ProblemException(ProblemType.MALFORMED, "identifiers must be a non-empty array")));
        assertMatches("problem-bad-nonce", problem(new ProblemException(ProblemType.BAD_NONCE, "the nonce is unknown, used or expired")));
        assertMatches("problem-unauthorized", problem(new ProblemException(ProblemType.UNAUTHORIZED, "the request is signed for another account")));
        assertMatches("problem-bad-csr", problem(new ProblemException(ProblemType.BAD_CSR, "the csr is not base64url DER")));
        assertMatches("problem-invalid-profile", problem(new ProblemException(ProblemType.INVALID_PROFILE, "no profile \"gold\"")));
        assertMatches("problem-already-replaced", problem(new ProblemException(ProblemType.ALREADY_REPLACED, "already replaced")));
        String rule = "an SPC is 4 digits and uppercase letters; the identifier's SPC is not";
        assertMatches("problem-rejected-identifier", problem(new ProblemException(ProblemType.REJECTED_IDENTIFIER, rule, null,
                List.of(new ProblemException.Subproblem(ProblemType.REJECTED_IDENTIFIER, rule, TkAuth.TNAUTHLIST, "MAigBhYEMTJhYg")),
                Map.of())));
        String owner = urls.account("w1nner");
        assertMatches("key-change-conflict", problem(new ProblemException(ProblemType.CONFLICT,
                "the new key belongs to the account " + owner, null, List.of(), Map.of("location", owner))));
    }

    @Test
    void problemsOfPostsCarryAFreshNonceAndTheProblemMediaType() {
        Function<String, String> headers = filtered("POST", "acme/new-order");
        assertHeadersMatch("problem-bad-nonce", 400,
                name -> "Content-Type".equals(name) ? ProblemDocument.MEDIA_TYPE : headers.apply(name));
        Function<String, String> keyChange = filtered("POST", "acme/key-change");
        assertHeadersMatch("key-change-conflict", 409, name -> "Content-Type".equals(name) ? ProblemDocument.MEDIA_TYPE
                : "Location".equals(name) ? urls.account("w1nner") : keyChange.apply(name));
    }

    // --- the matcher itself: each difference is found and named by its path ------------------------------

    @Test
    void aMismatchNamesItsJsonPath() {
        String valid = AcmeJson.authorization(authorization("valid", challenge("valid", VALIDATED, null)), urls);
        assertMismatch("$.status: expected \"pending\"", "authorization-pending", valid);
        String challengeOnly = AcmeJson.authorization(authorization("pending", challenge("valid", null, null)), urls);
        assertMismatch("$.challenges[0].status", "authorization-pending", challengeOnly);
    }

    @Test
    void missingExtraAndRetypedMembersAndWrongLengthsAreMismatches() {
        String pending = AcmeJson.order(order("pending", null, null), urls);
        assertMismatch("$: unexpected member(s) [x5u]", "order-pending", pending.replaceFirst("\\{", "{\"x5u\":\"" + BASE + "/x\","));
        assertMismatch("$: missing member(s) [finalize]", "order-pending", pending.replaceFirst(",\"finalize\":\"[^\"]*\"", ""));
        assertMismatch("$.expires: expected string", "order-pending", pending.replaceFirst("\"expires\":\"[^\"]*\"", "\"expires\":5"));
        assertMismatch("$.identifiers: expected 1 element(s) but was 2", "order-pending",
                pending.replaceFirst("\"identifiers\":\\[(\\{[^}]*})]", "\"identifiers\":[$1,$1]"));
        assertMismatch("$.identifiers[0].value", "order-pending", pending.replace(SPC_1234, "MAigBhYEMTJhYg"));
    }

    @Test
    void placeholdersMatchOnlyTheirPattern() {
        String pending = AcmeJson.order(order("pending", null, null), urls);
        assertMismatch("$.expires", "order-pending", pending.replaceFirst("\"expires\":\"[^\"]*\"", "\"expires\":\"next week\""));
        assertMismatch("$.finalize", "order-pending", pending.replace("/finalize", "/finalise"));
        assertMismatch("$.authorizations[0]", "order-pending", pending.replace(BASE + "/acme/authz/", "ftp://x/acme/authz/"));
        assertTrue(AcmeFixtures.matches("${base}/acme/acct/${id}", BASE + "/acme/acct/a_b-9"));
        assertTrue(!AcmeFixtures.matches("${base}/acme/acct/${id}", BASE + "/acme/acct/a/b"), "an id holds no slash");
        assertTrue(!AcmeFixtures.matches("${nonce}", "short"), "a nonce of fewer than 16 characters");
        assertThrows(IllegalArgumentException.class, () -> AcmeFixtures.matches("${uuid}", "x"), "an unknown placeholder");
    }

    @Test
    void headersThatAreMissingOrDifferAreMismatches() {
        Function<String, String> headers = filtered("HEAD", "acme/new-nonce");
        AssertionError missing = assertThrows(AssertionError.class, () -> assertHeadersMatch("new-nonce", 200,
                name -> "Replay-Nonce".equals(name) ? null : headers.apply(name)));
        assertTrue(missing.getMessage().contains("headers: missing member(s) [Replay-Nonce]"), missing.getMessage());
        AssertionError status = assertThrows(AssertionError.class, () -> assertHeadersMatch("new-nonce", 204, headers));
        assertTrue(status.getMessage().contains("headers.:status: expected 200 but was 204"), status.getMessage());
    }

    private static void assertMismatch(String expected, String fixture, String json) {
        AssertionError error = assertThrows(AssertionError.class, () -> assertMatches(fixture, json), json);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    // --- views as the EJB tier hands them out ------------------------------------------------------------

    private static Views.Order order(String status, String certificateId, String chainUrl) {
        // an order that named no profile shows the one it was issued under once valid
        return new Views.Order("o4", status, EXPIRES, SPC_1234, null, null, "a4", certificateId, chainUrl, null,
                "valid".equals(status) ? "end-entity" : null, null);
    }

    private static Views.Challenge challenge(String status, OffsetDateTime validated, Views.Problem error) {
        return new Views.Challenge("c4", "a4", status, TOKEN, validated, error);
    }

    private static Views.Authorization authorization(String status, Views.Challenge challenge) {
        return new Views.Authorization("a4", status, EXPIRES, SPC_1234, challenge);
    }

    private static String problem(ProblemException failure) {
        return Problems.of(failure, 500).toJson();
    }

    // --- the container around the renderers ---------------------------------------------------------------

    private static CaSettings settings() {
        return new CaSettings() {
            @Override
            public boolean allowHttp() {
                return false;
            }

            @Override
            public Optional<String> termsOfService() {
                return Optional.of(BASE + "/acme/terms");
            }

            @Override
            public int validityDays() {
                return 365;
            }

            @Override
            public java.time.Duration shortLivedValidity() {
                return java.time.Duration.ofDays(7);
            }
        };
    }

    /** The headers {@link AcmeHeaders} gives the response to a request of that method to that path. */
    private static Function<String, String> filtered(String method, String path) {
        AcmeHeaders filter = new AcmeHeaders();
        filter.ca = org.shakenpki.ca.CaSettings.from(org.shakenpki.config.SettingReader.of(Map.of(
                "shakenpki.ca.crl-url", BASE + "/download/v1/crl", "shakenpki.ca.sti-pa-trust-anchors", "/nonexistent/root.pem",
                "shakenpki.ca.sti-pa-url", BASE, "shakenpki.ca.sti-pa.password-file", "/nonexistent/password",
                "shakenpki.public-url", BASE, "shakenpki.ca.admin-token-file", "/nonexistent/admin.token")));
        filter.nonces = new NonceSupply() {
            @Override
            public String next() {
                return NONCE;
            }
        };
        UriInfo uriInfo = uriInfo(BASE + "/" + path, path);
        ContainerRequestContext request = proxy(ContainerRequestContext.class, Map.of("getUriInfo", uriInfo, "getMethod", method));
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        filter.filter(request, proxy(ContainerResponseContext.class, Map.of("getHeaders", headers, "getStatus", 200)));
        return name -> headers.containsKey(name) ? String.valueOf(headers.getFirst(name)) : null;
    }

    private static UriInfo uriInfo(String request, String path) {
        return proxy(UriInfo.class, Map.of("getRequestUri", URI.create(request), "getBaseUri", URI.create(BASE + "/"), "getPath", path));
    }

    /** An implementation of the interface whose methods answer from the map (by name) and refuse anything else. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
