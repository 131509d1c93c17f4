package org.shakenpki.it;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.ca.AriCertId;
import org.shakenpki.ca.AriProbe;
import org.shakenpki.ca.RenewalWindow;
import org.shakenpki.kms.CredentialManagement;
import org.shakenpki.kms.CredentialState;
import org.shakenpki.kms.CredentialStore;
import org.shakenpki.kms.KmsScheduler;
import org.shakenpki.kms.ManagedCredential;
import org.shakenpki.pkix.Pem;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACME Renewal Information (RFC 9773) and ACME profiles (draft-ietf-acme-profiles) on a real Payara Micro with its
 * SoftHSM2 tokens: acme4j and a hand-made client against the STI-CA ({@link AriChecks}, not deployed), and the
 * SP-KMS, in the server, renewing when the STI-CA's operator pulls a window forward.
 */
@ExtendWith(ArquillianExtension.class)
class AriIT {
    private static final String ACCOUNT = "local-sp";
    private static final String HTTPS = "https://localhost:" + System.getProperty("it.https.port");

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(AriIT.class, Http.class, TestTls.class, StiPaClient.class, LocalServiceProvider.class, WebhookProbe.class,
                StiPaFiles.class, AriProbe.class, AriProbe.OrderOf.class).addAsResource("vectors/stipa-root.pem");
    }

    @EJB
    CredentialManagement management;

    @EJB
    CredentialStore store;

    @EJB
    KmsScheduler scheduler;

    @EJB
    AriProbe probe;

    @EJB
    org.shakenpki.kms.NotificationSender notifications;

    private final StiPaClient pa = new StiPaClient(URI.create("https://localhost:" + System.getProperty("it.https.port") + "/"));

    @Test
    @RunAsClient
    void theDirectoryNamesRenewalInfoAndTheProfiles() throws Exception {
        AriChecks.directory();
    }

    @Test
    @RunAsClient
    void theShortLivedProfileGivesItsValidityAndAcme4jReadsTheRenewalInfoAndSendsReplaces() throws Exception {
        AriChecks.shortLivedRenewalInfoAndReplaces();
    }

    @Test
    @RunAsClient
    void unknownAndMismatchedProfilesAreInvalidProfile() throws Exception {
        AriChecks.invalidProfiles();
    }

    @Test
    @RunAsClient
    void malformedAndUnknownCertIdsAre400And404ProblemDocuments() throws Exception {
        AriChecks.malformedAndUnknownCertIds();
    }

    @Test
    @RunAsClient
    void theOperatorPullsWindowsForwardWithTheAdminTokenOnly() throws Exception {
        AriChecks.pullForwardAdministration();
    }

    /** The SP's STI-PA account and API user the SP-KMS is configured with, as in KmsIT. */
    @BeforeEach
    void stiPaAccount() throws Exception {
        if (System.getProperty("shakenpki.data-dir") == null) {
            return; // a client-side test
        }
        LocalServiceProvider.ensure(pa);
    }

    @Test
    void pullingTheWindowForwardMakesTheSpKmsReplaceAtOnceNamingTheOldCertificate() throws Exception {
        String spc = newSpc();
        management.create("it", spc, null, null, null, "short-lived", null);
        ManagedCredential active = await(spc, c -> c.state() == CredentialState.ACTIVE);
        X509Certificate old = Pem.certificates(active.chainPem()).get(0);
        assertEquals(Duration.ofDays(7), Duration.between(old.getNotBefore().toInstant(), old.getNotAfter().toInstant()),
                "the credential's profile gives the short-lived validity");
        assertEquals("short-lived", probe.orderOf(active.serialHex()).profile());
        assertNull(probe.orderOf(active.serialHex()).replaces(), "a first issuance replaces nothing");

        // the first round after issuance reads the renewal information and renews at a time inside the window
        OffsetDateTime now = OffsetDateTime.now();
        scheduler.runAt(now);
        ManagedCredential advised = store.bySpc(spc).orElseThrow();
        RenewalWindow window = RenewalWindow.standard(old.getNotBefore().toInstant(), old.getNotAfter().toInstant());
        assertEquals(window.start(), advised.ariWindowStart().toInstant());
        assertEquals(window.end(), advised.ariWindowEnd().toInstant());
        assertFalse(advised.renewAt().toInstant().isBefore(window.start()), advised.renewAt().toString());
        assertTrue(advised.renewAt().toInstant().isBefore(window.end()), advised.renewAt().toString());
        assertEquals(active.serialHex(), advised.serialHex(), "not renewed yet");

        // the operator pulls the window forward (a key compromise): due at once, with an explanation
        HttpResponse<String> pulled = Http.send(HttpRequest.newBuilder(URI.create(HTTPS + "/sti-ca/admin/v1/renewal-windows/pull-forward"))
                .header("Authorization", caAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"serials\":[\"" + active.serialHex()
                        + "\"],\"explanationUrl\":\"https://sti-ca.example/incident-7\"}")));
        assertEquals(200, pulled.statusCode(), pulled.body());
        assertTrue(pulled.body().contains(AriCertId.of(old).toString()), pulled.body());

        // the next check, after the STI-CA's Retry-After of six hours, finds the window in the past: the same round replaces the certificate
        scheduler.runAt(now.plusHours(7));
        ManagedCredential replaced = store.bySpc(spc).orElseThrow();
        assertEquals(CredentialState.ACTIVE, replaced.state(), String.valueOf(replaced.lastError()));
        assertNotEquals(active.serialHex(), replaced.serialHex(), "replaced at once");
        AriProbe.OrderOf order = probe.orderOf(replaced.serialHex());
        assertEquals(AriCertId.of(old).toString(), order.replaces(), "the new order names the old certificate (RFC 9773 section 5)");
        assertEquals(active.serialHex(), order.replacedSerialHex());
        assertEquals("short-lived", order.profile());
        assertNull(replaced.ariWindowStart(), "the replacement's renewal information is read afresh");
        assertTrue(management.show(spc).history().stream().anyMatch(h -> active.serialHex().equals(h.serialHex())));

        // reported: audited with the STI-CA's explanation, and announced on the webhook
        var audit = jakarta.enterprise.inject.spi.CDI.current().select(org.shakenpki.audit.AuditLog.class).get()
                .forSubject("spc:" + spc);
        assertTrue(audit.stream().anyMatch(r -> r.action().equals("kms.credential.ari-window")
                && r.detail().contains(active.serialHex()) && r.detail().contains("https://sti-ca.example/incident-7")), "audited");
        for (int batch = 0; batch < 20 && notifications.deliverDue(now.plusHours(8)) > 0; batch++) {
            // the next batch (a call sends 50)
        }
        assertTrue(WebhookProbe.VERIFIED.stream().anyMatch(body -> body.contains("\"event\":\"credential.replacement-requested\"")
                && body.contains("\"spc\":\"" + spc + "\"") && body.contains("incident-7")), "the webhook was told");
    }

    @Test
    void aProfileTheStiCaDoesNotOfferFailsTheCredentialWithTheReason() throws Exception {
        String spc = newSpc();
        management.create("it", spc, null, null, null, "gold", null);
        ManagedCredential failed = await(spc, c -> c.state() == CredentialState.FAILED);
        assertTrue(failed.lastError().contains("does not support profile: gold"), failed.lastError());
        assertFalse(failed.lastError().startsWith("internal error"), failed.lastError());
        assertNull(failed.keyAlias(), "no certificate, and the attempt's key was destroyed");
    }

    private String newSpc() throws Exception {
        String spc = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        StiPaClient.check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201);
        return spc;
    }

    private ManagedCredential await(String spc, Predicate<ManagedCredential> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ManagedCredential credential = null;
        while (System.nanoTime() < deadline) {
            credential = store.bySpc(spc).orElseThrow();
            if (condition.test(credential)) {
                return credential;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("credential " + spc + " never got there; last state " + credential.state()
                + ", error " + credential.lastError());
    }

    private static String caAdminToken() throws Exception {
        return "Bearer " + Files.readString(Path.of(System.getProperty("shakenpki.data-dir"), "ca", "admin.token")).strip();
    }
}
