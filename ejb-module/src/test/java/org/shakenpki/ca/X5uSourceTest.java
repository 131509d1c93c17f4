package org.shakenpki.ca;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.MovableClock;
import org.shakenpki.net.AddressClass;
import org.shakenpki.net.AddressPolicy;
import org.shakenpki.net.FetchSettings;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An SPC token's x5u: PEM only, no redirect followed, the host's words never in the ACME problem. */
class X5uSourceTest {
    private static final X509Certificate SIGNER = Vectors.certificate("stipa-signer.pem");

    private HttpServer server;
    private volatile byte[] body;
    private final AtomicInteger targetHits = new AtomicInteger();
    private final AtomicInteger signerHits = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final X5uSource source = new X5uSource();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/signer", exchange -> {
            signerHits.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            targetHits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        source.fetcher = new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO,
                new AddressPolicy(Set.of(AddressClass.LOOPBACK)), Optional.empty()));
        source.clock = clock;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void pemIsRead() {
        body = Vectors.text("stipa-signer.pem").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(SIGNER), source.certificates(uri("/signer")));
    }

    @Test
    void anX5uIsFetchedOnceForTenMinutesAndAgainAfter() {
        body = Vectors.text("stipa-signer.pem").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(SIGNER), source.certificates(uri("/signer")));
        body = "not PEM".getBytes(StandardCharsets.US_ASCII);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(List.of(SIGNER), source.certificates(uri("/signer")), "kept for ten minutes");
        assertEquals(1, signerHits.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(ProblemException.class, () -> source.certificates(uri("/signer"))).type(),
                "fetched again once ten minutes have passed");
        assertEquals(2, signerHits.get());
    }

    @Test
    void derAndPkcs7AreUnauthorized() throws Exception {
        body = SIGNER.getEncoded();
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(ProblemException.class, () -> source.certificates(uri("/signer"))).type());
        body = CertificateFactory.getInstance("X.509").generateCertPath(List.of(SIGNER)).getEncoded("PKCS7");
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(ProblemException.class, () -> source.certificates(uri("/signer?p7"))).type());
    }

    @Test
    void aRedirectIsAConnectionProblemAndNotFollowed() {
        ProblemException problem = assertThrows(ProblemException.class, () -> source.certificates(uri("/moved")));
        assertEquals(ProblemType.CONNECTION, problem.type());
        assertEquals("the token's x5u could not be fetched (REDIRECT): the server answered with a redirect, which is not followed",
                problem.detail());
        assertEquals(0, targetHits.get());
    }

    @Test
    void aPrivateAddressIsAConnectionProblemWithoutAConnection() {
        source.fetcher = new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO, AddressPolicy.publicOnly(), Optional.empty()));
        ProblemException problem = assertThrows(ProblemException.class, () -> source.certificates(URI.create("https://169.254.169.254/latest/meta-data")));
        assertEquals(ProblemType.CONNECTION, problem.type());
        assertEquals("the token's x5u could not be fetched (ADDRESS_REFUSED): the host resolves to a special-purpose address"
                + " (link-local) that is not fetched from", problem.detail());
    }
}
