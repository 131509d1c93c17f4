package org.shakenpki.stir;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.config.SettingReader;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.config.MovableClock;
import org.shakenpki.net.WebhookSignature;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.trust.TestPki;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code remote} credential source: the STI-AS signs with what a signed notification of an SP-KMS elsewhere
 * announces, and with nothing a forged, altered, replayed or mismatched notification announces.
 */
class RemoteSigningCredentialsTest {
    private static final String SECRET = "webhook-secret-for-tests";
    private static final String FIRST_X5U = "https://cr.example.test/sti/1234-first.pem";
    private static final String SECOND_X5U = "https://cr.example.test/sti/1234-second.pem";

    private final MovableClock clock = new MovableClock(TestPki.NOW);
    private final FakeToken token = new FakeToken("as");
    private final Map<URI, List<X509Certificate>> published = new HashMap<>();
    private final List<String> audited = new ArrayList<>();
    private final TestPki.Issued ca = TestPki.root("CN=SHAKEN Intermediate Example,O=Example,C=US");
    private final RemoteSigningCredentials remote = new RemoteSigningCredentials();
    private final SigningCredentials signing = new SigningCredentials();
    private final RecordedEvents<SigningCredentialChanged> changes = new RecordedEvents<>(signing::onChanged);
    private KeyPair firstKey;

    @BeforeEach
    void wire(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("notify.secret"), SECRET + "\n");
        AsSettings settings = settings("remote", Map.of("shakenpki.as.credentials.token-role", "as",
                "shakenpki.as.credentials.key-alias", "spc-1234-first", "shakenpki.as.credentials.x5u", FIRST_X5U,
                "shakenpki.as.credentials.notify-secret-file", secret.toString(),
                "shakenpki.as.credentials.notify-tolerance", "PT5M"));
        remote.settings = settings;
        remote.keyStore = token.keyStore();
        remote.chains = new X5uChains() {
            @Override
            public List<X509Certificate> chain(URI x5u) throws IOException {
                List<X509Certificate> chain = published.get(x5u);
                if (chain == null) {
                    throw new IOException("HTTP 404");
                }
                return chain;
            }
        };
        remote.clock = clock;
        signing.clock = clock;
        remote.audit = new AuditLog() {
            @Override
            public void recordIndependently(String actor, String action, String subject, Outcome outcome, String detail) {
                audited.add(action + " " + subject + " " + outcome + ": " + detail);
            }
        };
        remote.changes = changes;
        signing.source = remote;
        signing.settings = settings;
        firstKey = credential("spc-1234-first", "1234", FIRST_X5U);
    }

    @Test
    void signsWithTheConfiguredCredentialUntilTheFirstNotification() {
        SigningCredential current = signing.current();
        assertEquals("1234", current.spc());
        assertEquals(FIRST_X5U, current.x5u());
        assertArrayEquals(firstKey.getPublic().getEncoded(), current.signer().publicKey().getEncoded());
        assertEquals(TestPki.NOW.plus(Duration.ofDays(30)), current.notAfter());
    }

    @Test
    void aGoodNotificationSwitchesTheCredential() {
        assertEquals(FIRST_X5U, signing.current().x5u());
        KeyPair second = credential("spc-1234-second", "1234", SECOND_X5U);
        String body = notification("1234", "spc-1234-second", SECOND_X5U);

        remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body);

        SigningCredential current = signing.current("1234");
        assertEquals(SECOND_X5U, current.x5u());
        assertArrayEquals(second.getPublic().getEncoded(), current.signer().publicKey().getEncoded());
        assertEquals(SECOND_X5U, signing.current().x5u(), "the default credential switched too");
        assertEquals(List.of(new SigningCredentialChanged("1234", "spc-1234-second")), changes.fired);
        assertTrue(audited.get(0).startsWith("as.credential.switch spc:1234 SUCCESS: key spc-1234-second"), audited.toString());
    }

    @Test
    void aNotificationSignedWithAnotherSecretIsRefused() {
        assertEquals(FIRST_X5U, signing.current().x5u());
        credential("spc-1234-second", "1234", SECOND_X5U);
        String body = notification("1234", "spc-1234-second", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign("a-guessed-secret", clock.instant(), body), body));

        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertEquals("the notification is refused: the signature does not match the body", refused.detail());
        assertUnchanged();
        assertEquals(List.of("as.credential.notification sp-kms FAILURE: " + refused.detail()), audited);
    }

    @Test
    void aNotificationWhoseBodyWasChangedAfterSigningIsRefused() {
        credential("spc-1234-second", "1234", SECOND_X5U);
        String signature = WebhookSignature.sign(SECRET, clock.instant(), notification("1234", "spc-1234-first", FIRST_X5U));
        String altered = notification("1234", "spc-1234-second", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class, () -> remote.notified(signature, altered));

        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertUnchanged();
    }

    @Test
    void aNotificationWithoutSignatureIsRefused() {
        credential("spc-1234-second", "1234", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(null, notification("1234", "spc-1234-second", SECOND_X5U)));

        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertEquals("the notification is refused: no X-Shaken-Pki-Signature header", refused.detail());
        assertUnchanged();
    }

    @Test
    void aNotificationSignedLongAgoIsRefused() {
        credential("spc-1234-second", "1234", SECOND_X5U);
        String body = notification("1234", "spc-1234-second", SECOND_X5U);
        String recorded = WebhookSignature.sign(SECRET, clock.instant(), body);
        clock.advance(Duration.ofMinutes(6));

        ProblemException refused = assertThrows(ProblemException.class, () -> remote.notified(recorded, body));

        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertTrue(refused.detail().contains("more than PT5M from now"), refused.detail());
        assertUnchanged();
    }

    @Test
    void aReplayedOlderNotificationDoesNotSwitchBack() {
        credential("spc-1234-second", "1234", SECOND_X5U);
        String third = "https://cr.example.test/sti/1234-third.pem";
        credential("spc-1234-third", "1234", third);
        String secondBody = notification("1234", "spc-1234-second", SECOND_X5U);
        String secondSignature = WebhookSignature.sign(SECRET, clock.instant(), secondBody);
        remote.notified(secondSignature, secondBody);
        clock.advance(Duration.ofSeconds(10));
        String thirdBody = notification("1234", "spc-1234-third", third);
        remote.notified(WebhookSignature.sign(SECRET, clock.instant(), thirdBody), thirdBody);
        clock.advance(Duration.ofSeconds(10));

        remote.notified(secondSignature, secondBody);

        assertEquals(third, signing.current("1234").x5u());
        assertEquals(2, changes.fired.size());
    }

    @Test
    void aCertificateOfAnotherKeyIsRefused() {
        credential("spc-1234-second", "1234", SECOND_X5U);
        token.keys.put("spc-1234-other", Vectors.p256());
        String body = notification("1234", "spc-1234-other", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertEquals("the certificate at " + SECOND_X5U + " is not for key spc-1234-other", refused.detail());
        assertUnchanged();
    }

    @Test
    void aCertificateOfAnotherSpcIsRefused() {
        credential("spc-5678", "5678", SECOND_X5U);
        String body = notification("1234", "spc-5678", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertEquals("the certificate at " + SECOND_X5U + " is of SPC 5678, the notification names SPC 1234", refused.detail());
        assertUnchanged();
    }

    @Test
    void aKeyThatIsNotOnTheTokenIsRefused() {
        String body = notification("1234", "spc-1234-elsewhere", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertTrue(refused.detail().startsWith("the key store token of role as has no key spc-1234-elsewhere"), refused.detail());
        assertUnchanged();
    }

    @Test
    void anExpiredCertificateIsRefused() {
        KeyPair old = Vectors.p256();
        token.keys.put("spc-1234-old", old);
        published.put(URI.create(SECOND_X5U), List.of(TestPki.issue(TestPki.leaf().key(old)
                .validity(TestPki.NOW.minus(Duration.ofDays(60)), TestPki.NOW.minus(Duration.ofDays(1))), ca).certificate()));
        String body = notification("1234", "spc-1234-old", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertTrue(refused.detail().endsWith(", not now"), refused.detail());
        assertUnchanged();
    }

    @Test
    void aCertificateThatCannotBeFetchedYetIsRetriedLater() {
        token.keys.put("spc-1234-second", Vectors.p256());
        String body = notification("1234", "spc-1234-second", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        assertUnchanged();
    }

    @Test
    void aPlainHttpCertificateUrlIsRefused() {
        String body = notification("1234", "spc-1234-first", "http://cr.example.test/sti/1234-first.pem");

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.MALFORMED, refused.type());
    }

    @Test
    void noNotificationIsTakenWhenTheLocalSpKmsIsTheSource() {
        remote.settings = settings("local", Map.of());
        credential("spc-1234-second", "1234", SECOND_X5U);
        String body = notification("1234", "spc-1234-second", SECOND_X5U);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body));

        assertEquals(ProblemType.NOT_FOUND, refused.type());
        assertTrue(changes.fired.isEmpty());
    }

    @Test
    void anUnknownSourceNamesTheSettingAndWhatIsAllowed() {
        InvalidSetting refused = assertThrows(InvalidSetting.class, () -> settings("vendor-x", Map.of()));

        assertTrue(refused.getMessage().startsWith("shakenpki.as.credentials=vendor-x is not allowed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("local, remote") || refused.getMessage().contains("remote, local"),
                refused.getMessage());
    }

    @Test
    void aKeyAliasWithoutItsX5uIsRefused() {
        InvalidSetting refused = assertThrows(InvalidSetting.class,
                () -> settings("remote", Map.of("shakenpki.as.credentials.key-alias", "spc-1234-first")));
        assertTrue(refused.getMessage().contains("shakenpki.as.credentials.x5u"), refused.getMessage());
    }

    private static AsSettings settings(String source, Map<String, String> more) {
        Map<String, String> values = new java.util.HashMap<>(more);
        values.put("shakenpki.as.credentials", source);
        values.put("shakenpki.as.admin-token-file", "/nonexistent/admin.token");
        return AsSettings.from(SettingReader.of(values));
    }

    private void assertUnchanged() {
        assertEquals(FIRST_X5U, signing.current().x5u());
        assertEquals(FIRST_X5U, signing.current("1234").x5u());
        assertTrue(changes.fired.isEmpty(), "no switch was announced");
    }

    /** A key on the token and its certificate, of an SPC, published at a URL. */
    private KeyPair credential(String alias, String spc, String x5u) {
        KeyPair key = Vectors.p256();
        token.keys.put(alias, key);
        X509Certificate leaf = TestPki.issue(TestPki.leaf().key(key).subject("CN=SHAKEN " + spc + ",O=Example,C=US")
                .tnAuthList(TNAuthList.ofSpc(spc)), ca).certificate();
        published.put(URI.create(x5u), List.of(leaf, ca.certificate()));
        return key;
    }

    /** The body the SP-KMS sends (CredentialStore's notification payload). */
    private static String notification(String spc, String keyAlias, String x5u) {
        return "{\"event\":\"credential.issued\",\"spc\":\"" + spc + "\",\"keyAlias\":\"" + keyAlias
                + "\",\"certificateUrl\":\"" + x5u + "\",\"serialNumber\":\"0a1b\",\"notAfter\":\"2025-02-02T00:00Z\"}";
    }
}
