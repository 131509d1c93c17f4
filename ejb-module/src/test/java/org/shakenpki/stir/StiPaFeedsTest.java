package org.shakenpki.stir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shakenpki.config.MovableClock;
import org.shakenpki.config.SettingReader;
import org.shakenpki.net.AddressClass;
import org.shakenpki.net.AddressPolicy;
import org.shakenpki.net.FetchSettings;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.Pem;
import org.shakenpki.stipa.IndirectCrl;
import org.shakenpki.stipa.StiPaClient;
import org.shakenpki.stipa.StiPaClients;
import org.shakenpki.stipa.StiPaSettings;
import org.shakenpki.trust.TestPki;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STI-VS's copy of the STI-PA CRL against a loopback STI-PA that serves it, fails, or stalls: who waits for a
 * refresh and who is served the CRL it has (ATIS-1000080 section 5.3.3; {@link StiPaFeeds}).
 */
class StiPaFeedsTest {
    private static final String CRL_ISSUER = "CN=STI-PA CRL,O=Test STI-PA,C=US";
    private static final Duration REFRESH = Duration.ofMinutes(10);

    private final TestPki.Issued root = TestPki.root("CN=Test STI-PA Root,O=Test STI-PA,C=US");
    private final TestPki.Issued signer = TestPki.issue(TestPki.leaf().subject(CRL_ISSUER).tnAuthList(null)
            .keyUsage(KeyUsage.cRLSign).key(org.shakenpki.pkix.Vectors.p256()), root);
    private final MovableClock clock = new MovableClock(TestPki.NOW);
    private final AtomicInteger crlFetches = new AtomicInteger();
    private volatile int status = 200;
    private volatile byte[] served;
    private volatile CountDownLatch stall;
    private volatile CountDownLatch stalled;
    private HttpServer server;
    private StiPaFeeds feeds;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        served = crl(TestPki.NOW.plus(1, ChronoUnit.DAYS), signer.key());
        byte[] signerPem = Pem.encode(List.of(signer.certificate(), root.certificate())).getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/download/v1/crl", exchange -> {
            crlFetches.incrementAndGet();
            CountDownLatch hold = stall;
            if (hold != null) {
                stalled.countDown();
                await(hold);
            }
            respond(exchange, status, served);
        });
        server.createContext("/download/v1/signer.pem", exchange -> respond(exchange, 200, signerPem));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path anchors = Files.writeString(dir.resolve("sti-pa-root.pem"), Pem.encode(root.certificate()));
        feeds = new StiPaFeeds();
        feeds.clock = clock;
        feeds.settings = VsSettings.from(SettingReader.of(Map.of(
                "shakenpki.vs.sti-pa-url", base + "/",
                "shakenpki.vs.sti-pa.password-file", dir.resolve("unused.password").toString(), // the CRL needs no login
                "shakenpki.vs.sti-pa-trust-anchors", anchors.toString(),
                "shakenpki.vs.crl-url", base + "/download/v1/crl",
                "shakenpki.vs.crl-signer-url", base + "/download/v1/signer.pem",
                "shakenpki.vs.crl-refresh", REFRESH.toString(),
                "shakenpki.vs.admin-token-file", dir.resolve("unused.token").toString())));
        Fetcher fetcher = new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO,
                new AddressPolicy(Set.of(AddressClass.LOOPBACK)), Optional.empty()));
        feeds.stiPa = new StiPaClients() {
            @Override
            public StiPaClient client(StiPaSettings settings) {
                return new StiPaClient(fetcher, settings, clock);
            }
        };
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A CRL in the STI-PA CRL signer's name, naming its key, signed with {@code key}. */
    private byte[] crl(Instant nextUpdate, java.security.KeyPair key) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(CRL_ISSUER), Date.from(TestPki.NOW.minus(1, ChronoUnit.HOURS)));
        builder.setNextUpdate(Date.from(nextUpdate));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.certificate().getPublicKey()));
        builder.addCRLEntry(BigInteger.TEN, Date.from(TestPki.NOW.minus(2, ChronoUnit.HOURS)), 1);
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFreshCrlIsServedWithoutFetchingAndADueOneIsFetchedAgain() throws Exception {
        IndirectCrl first = feeds.crl();
        assertSame(first, feeds.crl());
        assertEquals(1, crlFetches.get());
        clock.advance(REFRESH.plusSeconds(1));
        feeds.crl();
        assertEquals(2, crlFetches.get());
    }

    @Test
    void whileTheStiPaIsDownVerificationsKeepTheValidCrlAndAskAgainOnlyAfterTheRetryDelay() throws Exception {
        IndirectCrl good = feeds.crl();
        status = 503;
        clock.advance(REFRESH.plusSeconds(1));
        assertSame(good, feeds.crl(), "the refresh failed: the CRL before its nextUpdate serves");
        assertEquals(2, crlFetches.get());
        // within the retry delay no verification asks the STI-PA again
        for (int i = 0; i < 50; i++) {
            assertSame(good, feeds.crl());
        }
        clock.advance(StiPaFeeds.MAX_RETRY_DELAY.minusSeconds(1));
        assertSame(good, feeds.crl());
        assertEquals(2, crlFetches.get());
        // after it, the next verification tries again; once the STI-PA answers, a new CRL is fetched
        clock.advance(Duration.ofSeconds(2));
        feeds.crl();
        assertEquals(3, crlFetches.get());
        status = 200;
        clock.advance(StiPaFeeds.MAX_RETRY_DELAY.plusSeconds(1));
        IndirectCrl refreshed = feeds.crl();
        assertEquals(4, crlFetches.get());
        assertTrue(refreshed != good, "a CRL fetched again after the STI-PA came back");
        assertSame(refreshed, feeds.crl());
        assertEquals(4, crlFetches.get(), "fresh again: no fetch");
    }

    @Test
    void aForgedCrlIsRefusedAndTheValidOneKeepsServing() throws Exception {
        byte[] forged = crl(TestPki.NOW.plus(7, ChronoUnit.DAYS), org.shakenpki.pkix.Vectors.p256());
        byte[] genuine = served;
        served = forged;
        assertThrows(IOException.class, feeds::crl, "a CRL the STI-PA's CRL signer did not sign is no CRL");
        served = genuine;
        IndirectCrl good = feeds.crl();
        // whoever answers the CRL URL later (the STI-PA's name, another key) does not replace it
        served = forged;
        clock.advance(REFRESH.plusSeconds(1));
        assertSame(good, feeds.crl());
        assertEquals(3, crlFetches.get());
    }

    @Test
    void pastItsNextUpdateNoCrlServesWhileTheStiPaIsDown() throws Exception {
        feeds.crl();
        status = 503;
        clock.advance(Duration.ofDays(2));
        assertThrows(IOException.class, feeds::crl, "no verification passes on a CRL past its nextUpdate");
        assertThrows(IOException.class, feeds::crl, "and the next one asks the STI-PA again, not served the stale CRL");
        assertEquals(3, crlFetches.get());
    }

    @Test
    void aVerificationFindingTheCrlDueWhileAnotherRefreshesItIsServedTheCurrentOne() throws Exception {
        IndirectCrl current = feeds.crl();
        clock.advance(REFRESH.plusSeconds(1));
        stall = new CountDownLatch(1);
        stalled = new CountDownLatch(1);
        CompletableFuture<IndirectCrl> refreshing = CompletableFuture.supplyAsync(() -> {
            try {
                return feeds.crl();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(stalled.await(10, TimeUnit.SECONDS), "the first verification is fetching");
        // the STI-PA is slow to answer the first one; the second does not wait for it
        CompletableFuture<IndirectCrl> second = CompletableFuture.supplyAsync(() -> {
            try {
                return feeds.crl();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertSame(current, second.get(5, TimeUnit.SECONDS));
        stall.countDown();
        stall = null;
        assertTrue(refreshing.get(10, TimeUnit.SECONDS) != current, "the first one got the new CRL");
        assertEquals(2, crlFetches.get());
    }
}
