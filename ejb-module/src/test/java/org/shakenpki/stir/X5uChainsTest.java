package org.shakenpki.stir;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A PASSporT x5u serves PEM certificates (docs/interop.md); DER and PKCS#7 are refused, and nothing the host says is echoed. */
class X5uChainsTest {
    private static final X509Certificate LEAF = Vectors.certificate("leaf-1234.pem");

    private HttpServer server;
    private volatile byte[] body;
    private volatile int status = 200;
    private final X5uChains chains = new X5uChains();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        chains.fetcher = new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO,
                new AddressPolicy(Set.of(AddressClass.LOOPBACK)), Optional.empty()));
        chains.clock = Clock.systemUTC();
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
