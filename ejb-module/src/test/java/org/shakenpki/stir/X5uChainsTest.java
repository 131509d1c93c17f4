package org.shakenpki.stir;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.MovableClock;
import org.shakenpki.net.AddressClass;
import org.shakenpki.net.AddressPolicy;
import org.shakenpki.net.FetchFailure;
import org.shakenpki.net.FetchSettings;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.Vectors;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A PASSporT x5u serves PEM certificates (docs/interop.md); DER and PKCS#7 are refused, and nothing the host says is echoed. */
class X5uChainsTest {
    private static final X509Certificate LEAF = Vectors.certificate("leaf-1234.pem");

    private HttpServer server;
    private volatile byte[] body;
    private volatile int status = 200;
    private volatile String cacheControl;
    private final AtomicInteger hits = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final X5uChains chains = new X5uChains();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            if (cacheControl != null) {
                exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        chains.fetcher = new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO,
                new AddressPolicy(Set.of(AddressClass.LOOPBACK)), Optional.empty()));
        chains.clock = clock;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI x5u(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    @Test
    void aPemChainIsServedWhole() throws IOException {
        body = Vectors.text("leaf-1234-chain.pem").getBytes(StandardCharsets.US_ASCII);
        List<X509Certificate> chain = chains.chain(x5u("chain.pem"));
        assertEquals(2, chain.size());
        assertEquals(LEAF, chain.get(0));
    }

    /** ATIS-1000074 section 5.3.1: at least 24 hours whatever max-age says; at most this verifier's week. */
    @Test
    void aChainIsKeptForItsMaxAgeBetweenADayAndAWeek() throws IOException {
        body = Vectors.text("leaf-1234-chain.pem").getBytes(StandardCharsets.US_ASCII);
        cacheControl = "max-age=60";
        chains.chain(x5u("short.pem"));
        clock.advance(CachePolicy.MINIMUM.minusSeconds(1));
        chains.chain(x5u("short.pem"));
        assertEquals(1, hits.get(), "a max-age of a minute is kept for 24 hours");
        clock.advance(Duration.ofSeconds(1));
        chains.chain(x5u("short.pem"));
        assertEquals(2, hits.get(), "fetched again after 24 hours");

        cacheControl = "public, max-age=31536000";
        chains.chain(x5u("long.pem"));
        clock.advance(CachePolicy.MAXIMUM.minusSeconds(1));
        chains.chain(x5u("long.pem"));
        assertEquals(3, hits.get(), "a max-age of a year is kept for the week");
        clock.advance(Duration.ofSeconds(1));
        chains.chain(x5u("long.pem"));
        assertEquals(4, hits.get(), "fetched again after a week, not a year");
    }

    /** What the STI-VS console page lists: the URL, its leaf, the chain's length, and whether it is still used. */
    @Test
    void theCacheListsEachChainWithItsLeafAndUntilWhen() throws IOException {
        body = Vectors.text("leaf-1234-chain.pem").getBytes(StandardCharsets.US_ASCII);
        chains.chain(x5u("listed.pem"));
        List<X5uChains.Cached> cached = chains.cached(10);
        assertEquals(1, cached.size());
        assertEquals(x5u("listed.pem"), cached.get(0).x5u());
        assertEquals(LEAF.getSerialNumber().toString(16), cached.get(0).leafSerialHex());
        assertEquals(2, cached.get(0).certificates());
        assertEquals(true, cached.get(0).fresh());
        clock.advance(CachePolicy.MAXIMUM);
        assertEquals(false, chains.cached(10).get(0).fresh(), "an expired chain is shown as expired");
        assertEquals(0, chains.cached(0).size());
    }

    @Test
    void aDerCertificateIsRefused() throws Exception {
        body = LEAF.getEncoded();
        assertEquals(FetchFailure.Reason.BAD_CONTENT, assertThrows(FetchFailure.class, () -> chains.chain(x5u("leaf.der"))).reason());
    }

    @Test
    void aPkcs7BundleIsRefusedAsDerAndAsPem() throws Exception {
        byte[] pkcs7 = CertificateFactory.getInstance("X.509").generateCertPath(List.of(LEAF)).getEncoded("PKCS7");
        body = pkcs7;
        assertEquals(FetchFailure.Reason.BAD_CONTENT, assertThrows(FetchFailure.class, () -> chains.chain(x5u("chain.p7b"))).reason());
        body = ("-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(pkcs7) + "\n-----END PKCS7-----\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(FetchFailure.Reason.BAD_CONTENT, assertThrows(FetchFailure.class, () -> chains.chain(x5u("chain.p7c"))).reason());
    }

    @Test
    void anErrorPageIsAStatusFailureThatQuotesNothing() {
        status = 404;
        body = "<html>Not Found: ask admin@x5u-host</html>".getBytes(StandardCharsets.US_ASCII);
        FetchFailure failure = assertThrows(FetchFailure.class, () -> chains.chain(x5u("missing.pem")));
        assertEquals(FetchFailure.Reason.HTTP_STATUS, failure.reason());
        assertFalse(failure.getMessage().contains("404") || failure.getMessage().contains("admin"), failure.getMessage());
    }
}
