package org.shakenpki.stir;

import org.junit.jupiter.api.Test;
import org.shakenpki.config.MovableClock;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STI-AS's cache over its credential port: read once, replaced on the port's change event only. */
class SigningCredentialsTest {
    private final List<SigningCredential> offered = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final SigningCredentials credentials = new SigningCredentials();
    private final MovableClock clock = new MovableClock(Instant.EPOCH.plusSeconds(3600));

    SigningCredentialsTest() {
        credentials.source = () -> {
            reads.incrementAndGet();
            return List.copyOf(offered);
        };
        credentials.settings = AsSettings.from(SettingReader.of(Map.of("shakenpki.as.admin-token-file", "/nonexistent/admin.token")));
        credentials.clock = clock;
    }

    @Test
    void readsThePortOnceAndSwitchesOnlyWhenItAnnouncesAChange() {
        offered.add(credential("1234", "https://cr.example.test/a.pem"));
        assertEquals("https://cr.example.test/a.pem", credentials.current().x5u());
        offered.set(0, credential("1234", "https://cr.example.test/b.pem"));

        assertEquals("https://cr.example.test/a.pem", credentials.current().x5u(), "cached: the signing path reads no port");
        assertEquals(1, reads.get());

        credentials.onChanged(new SigningCredentialChanged("1234", "b"));
        assertEquals("https://cr.example.test/b.pem", credentials.current().x5u());
        assertEquals("https://cr.example.test/b.pem", credentials.current("1234").x5u());
    }

    @Test
    void severalSpcsWithoutAConfiguredOneAreRefused() {
        offered.add(credential("1234", "https://cr.example.test/a.pem"));
        offered.add(credential("5678", "https://cr.example.test/c.pem"));

        ProblemException refused = assertThrows(ProblemException.class, credentials::current);

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        assertEquals("several SPCs have certificates: set shakenpki.as.spc to the one to sign with", refused.detail());
        assertEquals("https://cr.example.test/c.pem", credentials.current("5678").x5u());
    }

    @Test
    void noCredentialForAnSpcIsServiceUnavailable() {
        ProblemException refused = assertThrows(ProblemException.class, () -> credentials.current("1234"));

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        assertEquals("the SP-KMS has no certificate to sign with for SPC 1234", refused.detail());
    }

    @Test
    void anExpiredCertificateIsReadAgainAndRefusedWhenNoValidOneIsOffered() {
        offered.add(credential("1234", "https://cr.example.test/a.pem"));
        assertEquals("https://cr.example.test/a.pem", credentials.current().x5u());
        clock.advance(java.time.Duration.ofDays(1));
        offered.set(0, new SigningCredential("1234", new SoftwareSigner(Vectors.p256()), "https://cr.example.test/renewed.pem",
                Instant.EPOCH.plusSeconds(80_000), Instant.EPOCH.plusSeconds(200_000)));
        assertEquals("https://cr.example.test/renewed.pem", credentials.current().x5u(), "a missed renewal is picked up");
        clock.advance(java.time.Duration.ofDays(2));
        ProblemException refused = assertThrows(ProblemException.class, credentials::current);
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        assertTrue(refused.detail().contains("not valid now"), refused.detail());
    }

    private static SigningCredential credential(String spc, String x5u) {
        return new SigningCredential(spc, new SoftwareSigner(Vectors.p256()), x5u, Instant.EPOCH, Instant.EPOCH.plusSeconds(86400));
    }
}
