package org.shakenpki.it;

import com.nimbusds.jose.util.JSONStringUtils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The console pages of the roles administered with an admin token (docs/console.md) in Debian's headless Chromium:
 * SP-KMS credentials (list, detail, renew, revoke), STI-AS API keys (create, revoke), the STI-CA's certificates
 * searched by SPC and serial and its revocations, the STI-VS counts and x5u cache; a wrong admin token, another
 * role's token and a post without the page's view state refused. Screenshots go to {@code target/console-screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoleConsoleIT {
    private static final URI BASE = URI.create("https://localhost:" + System.getProperty("it.https.port") + "/");
    private static final String ACCOUNT = "local-sp";
    private static final String FROM = "12155550171";
    private static final String TO = "12155550181";
    private static ConsoleBrowser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = ConsoleBrowser.open(BASE);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void newSession() {
        browser.get("console/kms/login.xhtml");
        browser.forgetCookies();
    }

    @Test
    void anOperatorRunsTheKmsAsCaAndVsPagesWithTheirAdminTokens() throws Exception {
        String spc = activeCredential();
        String firstSerial = (String) kmsCredential(spc).get("serialNumber");

        // SP-KMS: a wrong token is refused, the right one opens the credentials; renew
        browser.get("console/kms/credentials.xhtml");
        assertTrue(browser.currentUrl().endsWith("/console/kms/login.xhtml"), browser.currentUrl());
        browser.type("login:token", token("kms") + "x");
        browser.press("login:submit");
        assertTrue(browser.messages().contains("not the SP-KMS admin token"), browser.messages());
        page("kms-login");
        roleLogin("kms");
        assertTrue(browser.currentUrl().contains("/console/kms/credentials.xhtml"), browser.currentUrl());
        assertTrue(browser.text("credentials:list").contains(spc + " ACTIVE " + firstSerial), browser.text("credentials:list"));
        browser.pressLabelled("Renew " + spc);
        assertTrue(browser.messages().contains("Renewal of SPC " + spc + " started"), browser.messages());
        String secondSerial = awaitNewCertificate(spc, firstSerial);
        browser.get("console/kms/credentials.xhtml?spc=" + spc);
        assertTrue(browser.text("state").contains("ACTIVE"), browser.text("detail"));
        assertTrue(browser.text("history").contains(firstSerial), browser.text("history"));
        assertTrue(browser.text("deliveries").contains("Attempts"), browser.text("deliveries"));
        page("kms-credentials");

        // STI-VS: the counts before, in this session (a second login of the same session)
        roleLogin("vs");
        long passedBefore = passedLastHour();

        // STI-AS: an API key created in the page signs; revoked in the page, it no longer does
        roleLogin("as");
        browser.type("create:name", "console " + spc);
        browser.type("create:spcs", spc);
        browser.choose("create:maxAttest", "A");
        browser.press("create:submit");
        Matcher created = Pattern.compile("API key (\\d+) \\(console " + spc + "\\) created; its secret \\(shown once\\): (\\S+)")
                .matcher(browser.messages());
        assertTrue(created.find(), browser.messages());
        String keyId = created.group(1);
        String secret = created.group(2);
        page("as-api-keys");
        String identity = identity(check(sign("Bearer " + secret), 200));
        assertEquals("TN-Validation-Passed", verify(identity).get("verstat"));

        browser.get("console/as/api-keys.xhtml");
        browser.pressLabelled("Revoke key " + keyId);
        assertTrue(browser.messages().contains("API key " + keyId + " (console " + spc + ") revoked"), browser.messages());
        assertTrue(browser.text("keys:list").contains("console " + spc + " [" + spc + "] A"), browser.text("keys:list"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status;
        do {
            // the STI-AS caches a key's authentication for a few seconds (shakenpki.as.api-key-cache-ttl)
            status = sign("Bearer " + secret).statusCode();
        } while (status == 200 && System.nanoTime() < deadline && sleep());
        assertEquals(401, status, "a revoked key still signs");

        // STI-VS: the verification moved the count and left its x5u in the cache
        browser.get("console/vs/statistics.xhtml");
        assertEquals(passedBefore + 1, passedLastHour(), browser.text("counts"));
        // (the STI-AS signs with the renewed certificate once the SP-KMS's notice reached it: either is right here)
        assertTrue(browser.text("cache").contains(secondSerial) || browser.text("cache").contains(firstSerial), browser.text("cache"));
        page("vs-statistics");

        // STI-CA: both certificates by SPC, one by serial (as operators copy it: upper case, colons)
        roleLogin("ca");
        browser.type("spc", spc);
        browser.press("find");
        assertTrue(browser.text("certificates").contains(firstSerial) && browser.text("certificates").contains(secondSerial),
                browser.text("certificates"));
        assertTrue(browser.text("orders").contains("[" + spc + "] valid"), browser.text("orders"));
        page("ca-certificates");
        browser.get("console/ca/certificates.xhtml?serial=" + colons(firstSerial.toUpperCase(java.util.Locale.ROOT)));
        assertTrue(browser.text("certificates").contains(firstSerial), browser.text("certificates"));
        assertFalse(browser.text("certificates").contains(secondSerial), browser.text("certificates"));
        browser.get("console/ca/certificates.xhtml?serial=not-hex");
        assertTrue(browser.title().startsWith("400"), browser.title());

        // SP-KMS revokes the credential at the STI-CA; the STI-CA's page shows it with its report to the STI-PA
        browser.get("console/kms/credentials.xhtml");
        browser.choose("credentials:reason", "cessationOfOperation");
        browser.pressLabelled("Revoke " + spc);
        assertTrue(browser.messages().contains("Credential of SPC " + spc + " revoked at the STI-CA"), browser.messages());
        browser.get("console/ca/revocations.xhtml");
        assertTrue(Pattern.compile(Pattern.quote(secondSerial) + " cessationOfOperation .*(reported|waiting|retrying)")
                .matcher(browser.text("revocations")).find(), browser.text("revocations"));
        page("ca-revocations");

        // STI-CA: a vetted subscriber recorded, given an EAB key (shown once), then suspended, as the admin API sees it
        String subscriber = "console-" + spc.toLowerCase(java.util.Locale.ROOT);
        browser.get("console/ca/subscribers.xhtml");
        browser.type("create:id", subscriber);
        browser.type("create:legalName", "Console Telecom, Inc.");
        browser.type("create:o", "Console Telecom, Inc.");
        browser.type("create:c", "US");
        browser.type("create:spcs", spc);
        browser.type("create:contact", "mailto:noc@console.example");
        browser.press("create:submit");
        assertTrue(browser.messages().contains("subscriber " + subscriber + " (Console Telecom, Inc.) recorded"), browser.messages());
        browser.pressLabelled("Issue an EAB key for " + subscriber);
        assertTrue(Pattern.compile("EAB key for " + subscriber + " .*kid \\S+, HMAC key [A-Za-z0-9_-]{43}")
                .matcher(browser.messages()).find(), browser.messages());
        browser.get("console/ca/subscribers.xhtml");
        assertTrue(browser.text("subscribers").contains(": unused"), browser.text("subscribers"));
        assertFalse(browser.source().contains("HMAC key"), "the HMAC key is shown once, not on the next visit");
        page("ca-subscribers");
        browser.pressLabelled("Suspend " + subscriber);
        String record = check(Http.send(HttpRequest.newBuilder(BASE.resolve("sti-ca/admin/v1/subscribers/" + subscriber))
                .header("Authorization", "Bearer " + token("ca")).GET()), 200).body();
        assertTrue(record.contains("\"SUSPENDED\"") && record.contains("Console Telecom, Inc."), record);
        browser.logout();
    }

    @Test
    void aPostWithoutThePagesViewStateOrWithAnotherRolesTokenIsRefused() throws Exception {
        roleLogin("as");
        browser.get("console/as/api-keys.xhtml");
        String session = browser.sessionCookie();
        String viewState = browser.viewState("create");
        URI page = BASE.resolve("console/as/api-keys.xhtml");
        String forged = "forged-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> withForgedState = postForm(page, session, createKeyForm(forged, "-4242424242:4242424242"));
        assertEquals(403, withForgedState.statusCode(), withForgedState.body());
        assertTrue(withForgedState.body().contains("view state"), withForgedState.body());
        HttpResponse<String> withoutState = postForm(page, session, createKeyForm(forged, null));
        assertFalse(withoutState.statusCode() == 200 && withoutState.body().contains("created"), withoutState.body());
        assertFalse(apiKeys().contains(forged), "a post without the page's view state created a key");

        // the same post with the page's view state goes through: the refusals above are the view state's
        String genuine = "genuine-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, postForm(page, session, createKeyForm(genuine, viewState)).statusCode());
        assertTrue(apiKeys().contains(genuine), "the genuine post created no key");

        // the STI-AS token opens neither the STI-CA's pages nor the STI-PA's
        browser.get("console/ca/certificates.xhtml");
        assertTrue(browser.currentUrl().endsWith("/console/ca/login.xhtml"), browser.currentUrl());
        browser.get("console/pa/accounts.xhtml");
        assertTrue(browser.currentUrl().endsWith("/console/login.xhtml"), browser.currentUrl());
        // and another role's token is not this role's
        browser.get("console/ca/login.xhtml");
        browser.type("login:token", token("as"));
        browser.press("login:submit");
        assertTrue(browser.messages().contains("not the STI-CA admin token"), browser.messages());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void roleLogin(String folder) throws Exception {
        browser.get("console/" + folder + "/login.xhtml");
        browser.type("login:token", token(folder));
        browser.press("login:submit");
        assertFalse(browser.currentUrl().endsWith("/login.xhtml"), folder + ": " + browser.messages());
    }

    /** A page: kept as a screenshot, and checked to run no script and to label every field. */
    private static void page(String name) throws Exception {
        browser.screenshot(name);
        String html = browser.source();
        assertFalse(html.contains("<script"), name + " carries a script");
        assertFalse(Pattern.compile("\\s(on[a-z]+|style)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                name + " carries an inline handler or style");
        assertEquals(List.of(), browser.unlabelledFields(), name + ": fields without a label");
    }

    private static long passedLastHour() {
        Matcher row = Pattern.compile("verstat TN-Validation-Passed (\\d+) (\\d+)").matcher(browser.text("counts"));
        assertTrue(row.find(), browser.text("counts"));
        return Long.parseLong(row.group(1));
    }

    private static String token(String role) throws Exception {
        return Files.readString(dataDir().resolve(role + "/admin.token")).strip();
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("it.data.dir"));
    }

    private static String colons(String hex) {
        String even = hex.length() % 2 == 0 ? hex : "0" + hex;
        return String.join(":", even.split("(?<=\\G..)"));
    }

    private static boolean sleep() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An SP-KMS credential for a new SPC of the local provider account, once ACTIVE (as MetricsIT provisions it). */
    private static String activeCredential() throws Exception {
        StiPaClient pa = new StiPaClient(BASE);
        if (LocalServiceProvider.ensure(pa)) {
            check(pa.admin("POST", "api/v1/admin/trust-anchors", "{\"certificate\":"
                    + JSONStringUtils.toJSONString(check(Http.get(BASE.resolve("sti-ca/root.pem")), 200).body()) + "}"), 201);
        }
        String spc = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201);
        check(Http.send(kms("kms/v1/credentials").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"spc\":\"" + spc + "\"}"))), 202);
        awaitNewCertificate(spc, null);
        return spc;
    }

    /** Waits until the credential is ACTIVE with a certificate other than {@code previousSerial}; its serial. */
    private static String awaitNewCertificate(String spc, String previousSerial) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> credential = Map.of();
        while (System.nanoTime() < deadline) {
            credential = kmsCredential(spc);
            Object serial = credential.get("serialNumber");
            if ("ACTIVE".equals(credential.get("state")) && serial != null && !serial.equals(previousSerial)) {
                return (String) serial;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no new certificate for " + spc + ": " + credential);
    }

    private static Map<String, Object> kmsCredential(String spc) throws Exception {
        return Http.json(check(Http.send(kms("kms/v1/credentials/" + spc).GET()), 200));
    }

    private static HttpRequest.Builder kms(String path) throws Exception {
        return HttpRequest.newBuilder(BASE.resolve(path)).header("Authorization", "Bearer " + token("kms"));
    }

    private static String apiKeys() throws Exception {
        return check(Http.send(HttpRequest.newBuilder(BASE.resolve("stir/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + token("as")).GET()), 200).body();
    }

    private static HttpResponse<String> sign(String authorization) throws Exception {
        return Http.send(HttpRequest.newBuilder(BASE.resolve("stir/v1/signing")).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"orig\":{\"tn\":\"" + FROM + "\"}}}")));
    }

    private static String identity(HttpResponse<String> signed) throws Exception {
        return (String) ((Map<?, ?>) Http.json(signed).get("signingResponse")).get("identity");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> verify(String identity) throws Exception {
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + FROM + "\"},\"to\":{\"tn\":[\"" + TO + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond() + ",\"identity\":" + JSONStringUtils.toJSONString(identity) + "}}";
        return (Map<String, Object>) Http.json(check(Http.post(BASE.resolve("stir/v1/verification"), "application/json", body), 200))
                .get("verificationResponse");
    }

    private static Map<String, String> createKeyForm(String name, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("create", "create");
        form.put("create:name", name);
        form.put("create:spcs", "ABCD");
        form.put("create:maxAttest", "A");
        form.put("create:submit", "Create key");
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        return form;
    }

    private static HttpResponse<String> postForm(URI page, String session, Map<String, String> form) throws Exception {
        return Http.send(HttpRequest.newBuilder(page)
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))));
    }
}
