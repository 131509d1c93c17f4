package org.shakenpki.it;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.ca.RevocationReporter;
import org.shakenpki.ca.SubscriberInfo;
import org.shakenpki.ca.SubscriberManagement;
import org.shakenpki.kms.CredentialManagement;
import org.shakenpki.kms.EabAccountProbe;
import org.shakenpki.kms.IssuanceFailure;
import org.shakenpki.kms.CredentialState;
import org.shakenpki.kms.CredentialStore;
import org.shakenpki.kms.KmsScheduler;
import org.shakenpki.kms.ManagedCredential;
import org.shakenpki.kms.NotificationSender;
import org.shakenpki.pkix.Pem;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.stir.PassportSigner;
import org.shakenpki.stir.SigningRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SP-KMS against this server's own STI-PA and STI-CA, over real HTTPS with real HSM keys: issuance,
 * renewal driven by the round's time, key retirement, notification, revocation, and failures that leave the
 * right state and no orphan key.
 */
@ExtendWith(ArquillianExtension.class)
class KmsIT {
    private static final String ACCOUNT = "local-sp";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(KmsIT.class, Http.class, TestTls.class, StiPaClient.class, LocalServiceProvider.class, WebhookProbe.class, EabAccountProbe.class)
                .addAsResource("vectors/stipa-root.pem");
    }

    @EJB
    CredentialManagement management;

    @EJB
    CredentialStore store;

    @EJB
    KmsScheduler scheduler;

    @EJB
    NotificationSender notifications;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    RevocationReporter revocationReporter;

    @EJB
    SubscriberManagement subscribers;

    @EJB
    EabAccountProbe eabAccounts;

    private static final SigningRequest PASSPORT = new SigningRequest("A", java.util.List.of("12155550131"),
            java.time.Instant.now().getEpochSecond(), "12155550121", UUID.randomUUID().toString());

    private static boolean verifies(String identity, X509Certificate certificate) throws Exception {
        var jws = com.nimbusds.jose.JWSObject.parse(identity.substring(0, identity.indexOf(';')));
        return jws.verify(new com.nimbusds.jose.crypto.ECDSAVerifier((java.security.interfaces.ECPublicKey) certificate.getPublicKey()));
    }

    private final StiPaClient pa = new StiPaClient(URI.create("https://localhost:" + System.getProperty("it.https.port") + "/"));

    /** The SP's STI-PA account and API user the SP-KMS is configured with, and the webhook secret. */
    @BeforeEach
    void stiPaAccount() throws Exception {
        LocalServiceProvider.ensure(pa);
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("it.data.dir"));
    }

    private String newSpc(boolean registeredAtStiPa) throws Exception {
        String spc = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        if (registeredAtStiPa) {
            StiPaClient.check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201);
        }
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

    private long keysOf(String spc) {
        return keyStore.token("kms").aliases().stream().filter(a -> a.startsWith("spc-" + spc + "-")).count();
    }

    @Test
    void theSpKmsSendsItsEabCredentialsAndItsAccountIsBoundToTheSubscriber() throws Exception {
        String token = "Bearer " + Files.readString(Path.of(System.getProperty("shakenpki.data-dir"), "ca", "admin.token")).strip();
        subscribers.create(token, "kms-eab", "KMS EAB, Inc.", new SubscriberInfo.Subject("KMS EAB, Inc.", "US", null, null, null),
                java.util.List.of("5555"), "mailto:noc@example.com");
        SubscriberManagement.EabCreated eab = subscribers.createEab(token, "kms-eab");
        String account = eabAccounts.newAccount(eab.kid(), eab.hmacKey());
        assertEquals("kms-eab", eabAccounts.subscriberOf(account));
        // without credentials (EAB is not required on this server) the account is bound to no subscriber
        assertNull(eabAccounts.subscriberOf(eabAccounts.newAccount(null, null)));
        // with a wrong HMAC key the SP-KMS reports the STI-CA's refusal
        SubscriberManagement.EabCreated other = subscribers.createEab(token, "kms-eab");
        IssuanceFailure refused = assertThrows(IssuanceFailure.class, () -> eabAccounts.newAccount(other.kid(), eab.hmacKey()));
        assertTrue(refused.getMessage().contains("MAC does not verify") && refused.getMessage().contains("unauthorized"),
                refused.getMessage());
    }

    @Test
    void issuesRenewsWithAFreshKeyAndRetiresTheOldKeyAfterTheGracePeriod() throws Exception {
        String spc = newSpc(true);
        management.create("it", spc, null, null, null);
        ManagedCredential active = await(spc, c -> c.state() == CredentialState.ACTIVE);

        X509Certificate leaf = Pem.certificates(active.chainPem()).get(0);
        assertArrayEquals(keyStore.token("kms").publicKey(active.keyAlias()).getEncoded(), leaf.getPublicKey().getEncoded(),
                "the certificate must carry the HSM key");
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=SHAKEN " + spc));
        var published = Http.get(URI.create(active.certificateUrl()));
        assertEquals(200, published.statusCode());
        assertEquals(leaf, Pem.certificates(published.body()).get(0));
        assertTrue(WebhookProbe.EVENTS.stream().anyMatch(e -> e.spc().equals(spc) && e.keyAlias().equals(active.keyAlias())));

        notifications.deliverDue(OffsetDateTime.now());
        assertTrue(WebhookProbe.VERIFIED.stream().anyMatch(body -> body.contains("\"spc\":\"" + spc + "\"")),
                "the webhook received a signed notification");

        String firstIdentity = signer().sign(PASSPORT, spc);
        assertTrue(firstIdentity.endsWith(";info=<" + active.certificateUrl() + ">;alg=ES256;ppt=shaken"), firstIdentity);
        assertTrue(verifies(firstIdentity, leaf), "the STI-AS signs with the credential's HSM key");

        // renewal: a round at the renewal date gets a new key and certificate; the old key lives on for the grace period
        OffsetDateTime renewalRound = active.renewAt().plusMinutes(1);
        scheduler.runAt(renewalRound);
        ManagedCredential renewed = store.bySpc(spc).orElseThrow();
        assertEquals(CredentialState.ACTIVE, renewed.state(), String.valueOf(renewed.lastError()));
        assertNotEquals(active.keyAlias(), renewed.keyAlias());
        assertNotEquals(active.serialHex(), renewed.serialHex());
        assertArrayEquals(keyStore.token("kms").publicKey(renewed.keyAlias()).getEncoded(),
                Pem.certificates(renewed.chainPem()).get(0).getPublicKey().getEncoded());
        String renewedIdentity = signer().sign(PASSPORT, spc);
        assertTrue(renewedIdentity.contains(";info=<" + renewed.certificateUrl() + ">"), "the STI-AS switched without a restart");
        assertTrue(verifies(renewedIdentity, Pem.certificates(renewed.chainPem()).get(0)));
        assertFalse(verifies(renewedIdentity, leaf));
        var history = management.show(spc).history();
        assertEquals(1, history.size());
        assertEquals(active.keyAlias(), history.get(0).keyAlias());
        assertFalse(history.get(0).keyDestroyed());
        assertTrue(keyStore.token("kms").findKey(active.keyAlias()).isPresent(), "old key kept during the grace period");

        // (only the retirement step from here: the STI-CA's clock has not moved, so a whole round this far in
        // the future would renew the new certificate again)
        store.destroyRetiredKeys(renewalRound.plusHours(23));
        assertTrue(keyStore.token("kms").findKey(active.keyAlias()).isPresent());
        store.destroyRetiredKeys(renewalRound.plusHours(25));
        assertTrue(keyStore.token("kms").findKey(active.keyAlias()).isEmpty(), "old key destroyed after the grace period");
        assertTrue(management.show(spc).history().get(0).keyDestroyed());
        assertTrue(keyStore.token("kms").findKey(renewed.keyAlias()).isPresent());
        assertEquals(1, keysOf(spc));
    }

    @Test
    void revokesThroughTheStiCaAndTheStiPaCrlListsIt() throws Exception {
        String spc = newSpc(true);
        management.create("it", spc, null, null, null);
        ManagedCredential active = await(spc, c -> c.state() == CredentialState.ACTIVE);
        X509Certificate leaf = Pem.certificates(active.chainPem()).get(0);
        // the STI-PA approves the local STI-CA, which binds the STI-CA's revocation user to its root
        String root = StiPaClient.check(Http.get(URI.create("https://localhost:" + System.getProperty("it.https.port")
                + "/sti-ca/root.pem")), 200).body();
        StiPaClient.check(pa.admin("POST", "api/v1/admin/trust-anchors",
                "{\"certificate\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(root) + "}"), 201);

        management.revoke("it", spc, "keyCompromise");
        assertEquals(CredentialState.REVOKED, store.bySpc(spc).orElseThrow().state());

        revocationReporter.deliverDue();
        var crl = Http.sendBytes(java.net.http.HttpRequest.newBuilder(
                URI.create("https://localhost:" + System.getProperty("it.https.port") + "/download/v1/crl")).GET());
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        assertTrue(parsed.getRevokedCertificates().stream().anyMatch(e -> e.getSerialNumber().equals(leaf.getSerialNumber())
                && leaf.getIssuerX500Principal().equals(e.getCertificateIssuer())), "the STI-PA CRL lists the certificate");
    }

    @Test
    void aCertificateTheStiPaCrlListsIsReplacedWithAFreshKeyAndTheStiAsSwitches() throws Exception {
        String spc = newSpc(true);
        management.create("it", spc, null, null, null);
        ManagedCredential active = await(spc, c -> c.state() == CredentialState.ACTIVE);
        X509Certificate leaf = Pem.certificates(active.chainPem()).get(0);
        assertTrue(signer().sign(PASSPORT, spc).contains(";info=<" + active.certificateUrl() + ">"));

        // the STI-PA administrator revokes it by issuer and serial: neither the STI-CA nor the SP-KMS is told
        StiPaClient.check(pa.admin("POST", "api/v1/revocations", "{\"issuer\":"
                + com.nimbusds.jose.util.JSONStringUtils.toJSONString(leaf.getIssuerX500Principal().getName())
                + ",\"serialNumber\":\"" + leaf.getSerialNumber().toString(16) + "\",\"reason\":\"keyCompromise\"}"), 200);

        // a round past this node's CRL interval: the CRL lists the certificate, the same round replaces it
        OffsetDateTime round = OffsetDateTime.now().plus(kmsSettings().crlCheckInterval()).plusSeconds(1);
        scheduler.runAt(round);
        ManagedCredential replaced = await(spc, c -> c.state() == CredentialState.ACTIVE
                && !active.serialHex().equals(c.serialHex()));
        assertNotEquals(active.keyAlias(), replaced.keyAlias(), "a fresh key");
        X509Certificate newLeaf = Pem.certificates(replaced.chainPem()).get(0);
        assertFalse(java.util.Arrays.equals(leaf.getPublicKey().getEncoded(), newLeaf.getPublicKey().getEncoded()));
        assertArrayEquals(keyStore.token("kms").publicKey(replaced.keyAlias()).getEncoded(), newLeaf.getPublicKey().getEncoded());
        assertNotEquals(active.certificateUrl(), replaced.certificateUrl());
        assertNull(replaced.revokedOnCrlAt(), "the replacement is not marked");
        assertEquals(active.keyAlias(), management.show(spc).history().get(0).keyAlias());

        String identity = signer().sign(PASSPORT, spc);
        assertTrue(identity.contains(";info=<" + replaced.certificateUrl() + ">"), "the STI-AS signs with the new x5u");
        assertTrue(verifies(identity, newLeaf));
        assertFalse(verifies(identity, leaf), "the revoked certificate's key is no longer used");

        var audit = jakarta.enterprise.inject.spi.CDI.current().select(org.shakenpki.audit.AuditLog.class).get()
                .forSubject("spc:" + spc);
        assertTrue(audit.stream().anyMatch(r -> r.action().equals("kms.credential.crl-listed")
                && r.detail().contains(active.serialHex()) && r.detail().contains("keyCompromise")), "audited");

        // everything due by the round's time, however many notifications earlier cases left queued (a call sends 50)
        for (int batch = 0; batch < 20 && notifications.deliverDue(round.plusMinutes(1)) > 0; batch++) {
            // the next batch
        }
        assertTrue(WebhookProbe.VERIFIED.stream().anyMatch(body -> body.contains("\"event\":\"credential.revoked\"")
                && body.contains("\"spc\":\"" + spc + "\"")), "the webhook was told of the revocation");

        // later rounds see the old serial on the CRL still: no second replacement
        scheduler.runAt(round.plus(kmsSettings().crlCheckInterval()).plusSeconds(1));
        assertEquals(replaced.serialHex(), store.bySpc(spc).orElseThrow().serialHex());
    }

    private static org.shakenpki.kms.KmsSettings kmsSettings() {
        return jakarta.enterprise.inject.spi.CDI.current().select(org.shakenpki.kms.KmsSettings.class).get();
    }

    @Test
    void aRefusalByTheStiPaFailsTheCredentialAndLeavesNoKey() throws Exception {
        String spc = newSpc(false);
        management.create("it", spc, null, null, null);
        ManagedCredential failed = await(spc, c -> c.state() == CredentialState.FAILED);
        assertTrue(failed.lastError().contains("STI-PA refused"), failed.lastError());
        assertTrue(failed.lastError().contains("does not belong"), failed.lastError());
        assertNull(failed.keyAlias());
        assertTrue(failed.nextAttemptAt().isAfter(OffsetDateTime.now()), "retried later, with backoff");
        assertEquals(0, keysOf(spc), "no orphan key");
    }

    @Test
    void anUnreachableStiCaFailsTheCredentialAndLeavesNoKey() throws Exception {
        String spc = newSpc(true);
        long accountKeys = keyStore.token("kms").aliases().stream().filter(a -> a.startsWith("acme-account-")).count();
        management.create("it", spc, "https://localhost:1/acme/directory", null, null);
        ManagedCredential failed = await(spc, c -> c.state() == CredentialState.FAILED);
        assertTrue(failed.lastError().contains("unreachable"), failed.lastError());
        assertEquals(0, keysOf(spc));
        assertEquals(accountKeys, keyStore.token("kms").aliases().stream().filter(a -> a.startsWith("acme-account-")).count(),
                "no orphan ACME account key");
    }

    @Test
    void aChallengeTheStiCaInvalidatesFailsTheCredentialThenARetrySucceeds() throws Exception {
        String spc = newSpc(true);
        Path anchors = dataDir().resolve("sti-pa").resolve("root.pem");
        Path saved = Files.createTempFile("root", ".pem");
        Files.copy(anchors, saved, StandardCopyOption.REPLACE_EXISTING);
        try (var foreign = KmsIT.class.getClassLoader().getResourceAsStream("vectors/stipa-root.pem")) {
            // the STI-CA now trusts another STI-PA, so our SPC token's x5u does not chain to its anchor
            Files.write(anchors, foreign.readAllBytes());
            management.create("it", spc, null, null, null);
            ManagedCredential failed = await(spc, c -> c.state() == CredentialState.FAILED);
            assertTrue(failed.lastError().contains("tkauth-01"), failed.lastError());
            assertEquals(0, keysOf(spc));
        } finally {
            Files.copy(saved, anchors, StandardCopyOption.REPLACE_EXISTING);
        }
        management.renew("it", spc);
        ManagedCredential active = await(spc, c -> c.state() == CredentialState.ACTIVE);
        assertEquals(1, keysOf(spc));
        assertTrue(keyStore.token("kms").findKey(active.keyAlias()).isPresent());
    }

    /** The STI-AS signer, a CDI bean of the deployment. */
    private static PassportSigner signer() {
        return jakarta.enterprise.inject.spi.CDI.current().select(PassportSigner.class).get();
    }
}
