package org.shakenpki.kms;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.Backoff;
import org.shakenpki.config.MovableClock;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.Pem;
import org.shakenpki.trust.TestPki;

import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SP-KMS's decision on the STI-PA CRL, on a clock the test moves: a listed certificate is replaced at once,
 * an unlisted one is left alone, a CRL that does not verify changes nothing and warns, a failed replacement keeps
 * its backoff and its mark, and a credential the SP-KMS revoked itself is not acted on again.
 */
class CrlWatchTest {
    private static final Instant START = TestPki.NOW;
    private static final IssuanceOptions OPTIONS = new IssuanceOptions("https://ca.example.test/acme/directory",
            IssuanceOptions.Fingerprint.JWK_THUMBPRINT, "tkauth");

    private final MovableClock clock = new MovableClock(START);
    private final TestPki.Issued paRoot = TestPki.root("CN=Test STI-PA Root,O=Test,C=US");
    private final TestPki.Issued crlSigner = TestPki.issue(TestPki.leaf().subject("CN=Test STI-PA CRL,O=Test,C=US")
            .keyUsage(KeyUsage.cRLSign).tnAuthList(null), paRoot);
    private final TestPki.Issued caRoot = TestPki.root("CN=Test STI-CA Root,O=Test,C=US");
    private final TestPki.Issued ca = TestPki.issue(TestPki.caCert("CN=Test STI-CA,O=Test,C=US"), caRoot);
    private final TestPki.Issued managedLeaf = TestPki.issue(TestPki.leaf(), ca);

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** An ACTIVE credential holding {@code leaf}, renewal due in 200 days. */
    private ManagedCredential active(TestPki.Issued leaf) {
        ManagedCredential credential = new ManagedCredential("1234", OPTIONS, now());
        credential.succeeded(new ManagedCredential.Issued("spc-1234-old", Pem.encode(List.of(leaf.certificate(),
                ca.certificate())), "https://cr.example.test/old.pem", leaf.certificate().getSerialNumber().toString(16),
                now().minusDays(1), now().plusDays(365)), now().plusDays(200), now());
        return credential;
    }

    /** An indirect CRL by {@code signer} listing {@code serialOf} under the certificateIssuer {@code issuer}. */
    private byte[] crl(TestPki.Issued signer, X509Certificate serialOf, X500Name issuer) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(clock.instant().minusSeconds(3600)));
        builder.setNextUpdate(Date.from(clock.instant().plus(Duration.ofDays(1))));
        // indirectCRL TRUE, as the STI-PA's CRL says: only then do entries carry their certificateIssuer
        builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, false, null, true, false));
        ExtensionsGenerator entry = new ExtensionsGenerator();
        entry.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
        entry.addExtension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName(issuer)));
        builder.addCRLEntry(serialOf.getSerialNumber(), Date.from(clock.instant().minusSeconds(60)), entry.generate());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.key().getPrivate())).getEncoded();
    }

    private static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private byte[] crlListingManagedLeaf() throws Exception {
        return crl(crlSigner, managedLeaf.certificate(), name(ca.certificate()));
    }

    private CrlCheck.Feed feed(byte[] der, List<X509Certificate> signerChain) {
        return new CrlCheck.Feed() {
            @Override
            public byte[] crlDer() {
                return der;
            }

            @Override
            public List<X509Certificate> signerChain() {
                return signerChain;
            }

            @Override
            public Set<TrustAnchor> stiPaAnchors() {
                return Set.of(paRoot.anchor());
            }
        };
    }

    private CrlCheck.Verdict check(byte[] der, ManagedCredential credential) {
        return CrlCheck.check(feed(der, List.of(crlSigner.certificate(), paRoot.certificate())), List.of(credential),
                clock.instant());
    }

    @Test
    void aListedCertificateIsMarkedAndReplacedAtOnceAndNotActedOnTwice() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        assertFalse(credential.isDue(now()), "renewal is 200 days away");

        CrlCheck.Verdict verdict = check(crlListingManagedLeaf(), credential);
        assertTrue(verdict.unverifiable().isEmpty());
        assertEquals(1, verdict.listed().size());
        CrlCheck.Listing listing = verdict.listed().get(0);
        assertEquals(managedLeaf.certificate().getSerialNumber().toString(16), listing.serialHex());
        assertEquals("keyCompromise", listing.entry().reason());

        credential.listedOnCrl(listing.detail(), now());
        assertTrue(credential.isDue(now()), "the replacement is due in this very round");
        assertEquals(now(), credential.revokedOnCrlAt());
        assertTrue(credential.lastError().contains("is on the STI-PA CRL (keyCompromise"), credential.lastError());
        assertFalse(Views.Credential.of(credential).usable(), "the STI-AS no longer signs with a revoked certificate");

        // the next rounds see the same CRL: nothing new, no second replacement
        clock.advance(Duration.ofMinutes(5));
        assertTrue(check(crlListingManagedLeaf(), credential).listed().isEmpty());

        // the replacement comes: a new serial, usable, unmarked; the old serial on the CRL is no longer ours
        TestPki.Issued successor = TestPki.issue(TestPki.leaf(), ca);
        credential.beginAttempt("spc-1234-new", now());
        credential.succeeded(new ManagedCredential.Issued("spc-1234-new", Pem.encode(List.of(successor.certificate(),
                ca.certificate())), "https://cr.example.test/new.pem", successor.certificate().getSerialNumber().toString(16),
                now(), now().plusDays(365)), now().plusDays(200), now());
        assertNull(credential.revokedOnCrlAt());
        assertTrue(Views.Credential.of(credential).usable());
        assertTrue(check(crlListingManagedLeaf(), credential).listed().isEmpty());
    }

    @Test
    void anUnlistedCertificateIsLeftAlone() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        TestPki.Issued other = TestPki.issue(TestPki.leaf(), ca);
        CrlCheck.Verdict verdict = check(crl(crlSigner, other.certificate(),
                name(ca.certificate())), credential);
        assertTrue(verdict.unverifiable().isEmpty());
        assertTrue(verdict.listed().isEmpty());
        assertFalse(credential.isDue(now()));
        assertTrue(Views.Credential.of(credential).usable());
    }

    @Test
    void theSameSerialListedForAnotherStiCaIsNotOurs() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        CrlCheck.Verdict verdict = check(crl(crlSigner, managedLeaf.certificate(), new X500Name("CN=Another STI-CA,O=Other,C=US")),
                credential);
        assertTrue(verdict.unverifiable().isEmpty());
        assertTrue(verdict.listed().isEmpty(), "entries match on certificateIssuer and serial, not on serial alone");
    }

    @Test
    void aCrlSignedByAnOutsiderChangesNothing() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        TestPki.Issued outsiderRoot = TestPki.root("CN=Test STI-PA Root,O=Test,C=US");
        TestPki.Issued outsider = TestPki.issue(TestPki.leaf().subject("CN=Test STI-PA CRL,O=Test,C=US")
                .keyUsage(KeyUsage.cRLSign).tnAuthList(null), outsiderRoot);
        byte[] der = crl(outsider, managedLeaf.certificate(), name(ca.certificate()));

        CrlCheck.Verdict verdict = CrlCheck.check(feed(der, List.of(outsider.certificate(), outsiderRoot.certificate())),
                List.of(credential), clock.instant());
        assertTrue(verdict.unverifiable().orElseThrow().contains("not an STI-PA CRL signer"), verdict.unverifiable().get());
        assertTrue(verdict.listed().isEmpty());
        assertFalse(credential.isDue(now()));
        assertNull(credential.revokedOnCrlAt());
    }

    @Test
    void aCrlWhoseSignatureIsNotTheSignersChangesNothing() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        KeyPair other = TestPki.root("CN=x").key();
        TestPki.Issued impostor = new TestPki.Issued(other, crlSigner.certificate());
        CrlCheck.Verdict verdict = check(crl(impostor, managedLeaf.certificate(),
                name(ca.certificate())), credential);
        assertTrue(verdict.unverifiable().orElseThrow().contains("signature"), verdict.unverifiable().get());
        assertTrue(verdict.listed().isEmpty());
    }

    @Test
    void aCrlPastItsNextUpdateChangesNothingAndTheWatcherWarns() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        byte[] der = crlListingManagedLeaf();
        clock.advance(Duration.ofDays(2));
        CrlCheck.Verdict verdict = check(der, credential);
        assertTrue(verdict.unverifiable().orElseThrow().contains("nextUpdate"), verdict.unverifiable().get());

        CrlWatcher watcher = new CrlWatcher();
        watcher.settings = KmsSettings.from(SettingReader.of(Map.of("shakenpki.kms.sti-pa-url", "https://pa.example.test",
                "shakenpki.kms.acme-directory", "https://ca.example.test/acme/directory",
                "shakenpki.kms.admin-token-file", "/nonexistent/admin.token",
                "shakenpki.kms.sti-pa-trust-anchors", "/nonexistent/root.pem")));
        watcher.status = new CrlWatchStatus();
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(CrlWatcher.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            assertEquals(0, watcher.act(verdict, now()));
        } finally {
            log.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("https://pa.example.test/download/v1/crl was not checked")
                && r.getMessage().contains("nextUpdate")), "a warning names the CRL and why");
        CrlWatchStatus.Last last = watcher.status.last().orElseThrow();
        assertFalse(last.verified());
        assertNotNull(last.warning());
        assertFalse(credential.isDue(now()));
        assertTrue(Views.Credential.of(credential).usable(), "an unverified CRL does not take the credential away");
    }

    @Test
    void aFailedReplacementWaitsOutItsBackoffAndStaysMarked() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        CrlCheck.Listing listing = check(crlListingManagedLeaf(), credential).listed().get(0);
        credential.listedOnCrl(listing.detail(), now());

        // the round's attempt: claimed, then the STI-CA fails; CredentialStore#failed's backoff
        credential.beginAttempt("spc-1234-try", now());
        assertEquals(CredentialState.RENEWING, credential.state());
        Duration backoff = Backoff.delay(Duration.ofMinutes(1), credential.attempts(), Duration.ofHours(6));
        credential.failed("the STI-CA is unreachable", now().plus(backoff), now());

        assertFalse(credential.isDue(now()), "no retry before the backoff");
        assertNotNull(credential.revokedOnCrlAt(), "the old certificate stays marked");
        assertFalse(Views.Credential.of(credential).usable());
        // a later CRL round inside the backoff neither re-lists it nor pulls the retry forward
        clock.advance(backoff.dividedBy(2));
        assertTrue(check(crlListingManagedLeaf(), credential).listed().isEmpty());
        assertFalse(credential.isDue(now()));
        clock.advance(backoff);
        assertTrue(credential.isDue(now()), "retried once the backoff has passed");
    }

    @Test
    void aCertificateTheSpKmsRevokedItselfIsNotReplaced() throws Exception {
        ManagedCredential credential = active(managedLeaf);
        credential.revoked(now());
        assertTrue(check(crlListingManagedLeaf(), credential).listed().isEmpty(), "an admin revocation does not loop");
        assertFalse(credential.isDue(now()));
    }

    @Test
    void aNodeChecksOncePerIntervalAndAgainWhenARoundIsEarlierThanItsLastCheck() {
        CrlWatchStatus status = new CrlWatchStatus();
        Duration interval = Duration.ofMinutes(5);
        assertTrue(status.due(now(), interval), "never checked");
        status.record(new CrlWatchStatus.Last(now(), true, null, 0));
        assertFalse(status.due(now().plusMinutes(4), interval));
        assertTrue(status.due(now().plusMinutes(5), interval));
        // a round driven at a later time (tests, a clock set back) must not silence the watch until then
        assertTrue(status.due(now().minusSeconds(1), interval));
    }
}
