package org.shakenpki.stipa;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.shakenpki.config.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shakenpki.net.AddressClass;
import org.shakenpki.net.AddressPolicy;
import org.shakenpki.net.FetchSettings;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.Vectors;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The STI-PA client against a loopback STI-PA that behaves as the deployed API: login, the raw access token,
 * refresh, refusals with problem documents; the session kept across calls; PEM-only certificate downloads.
 */
class StiPaClientTest {
    private HttpServer server;
    private StiPaClient client;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> received = new CopyOnWriteArrayList<>();
    private int tokenNumber;
    private volatile String validToken;
    private int revocationStatus = 200;
    private String revocationAnswer = "{\"status\":\"success\",\"message\":\"revoked\"}";
    private byte[] certificateBody = Vectors.text("leaf-1234-chain.pem").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/login", exchange -> {
            Map<String, Object> login = body(exchange);
            received.add("login");
            boolean ok = "local-sti-ca".equals(login.get("userId")) && "s3cret".equals(login.get("password"));
            respond(exchange, ok ? 200 : 401, ok ? tokens() : "{\"type\":\"urn:ietf:params:acme:error:unauthorized\","
                    + "\"detail\":\"wrong password\\r\\nInjected: header\"}");
        });
        server.createContext("/api/v1/auth/refresh", exchange -> {
            Map<String, Object> refresh = body(exchange);
            received.add("refresh " + refresh.get("refreshToken"));
            respond(exchange, 200, tokens());
        });
        server.createContext("/api/v1/revocations", exchange -> {
            Map<String, Object> revocation = body(exchange);
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            if (!token.equals(validToken)) {
                respond(exchange, 401, "{\"detail\":\"expired\"}");
                return;
            }
            received.add(token + " " + revocation.get("reason") + " " + revocation.get("certificate"));
            respond(exchange, revocationStatus, revocationAnswer);
        });
        server.createContext("/api/v1/account/local-sp/token", exchange -> {
            Map<String, Object> request = body(exchange);
            received.add("token " + request.get("atc"));
            if (((Map<?, ?>) request.get("atc")).get("tkvalue").equals("MAigBhYEOTk5OQ")) {
                respond(exchange, 403, "{\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":\"SPC 9999 does not belong to account local-sp\"}");
                return;
            }
            respond(exchange, 200, "{\"status\":\"success\",\"token\":\"a.b.c\",\"crl\":\"https://sti-pa.example/crl\"}");
        });
        server.createContext("/api/v1/ca-list", exchange -> {
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            received.add("ca-list " + token);
            respond(exchange, token.equals(validToken) ? 200 : 401,
                    token.equals(validToken) ? "{\"status\":\"success\",\"caList\":\"x.y.z\"}" : "{\"detail\":\"expired\"}");
        });
        server.createContext("/download/v1/crl", exchange -> respond(exchange, 200, "crl-der"));
        server.createContext("/download/v1/certificate/signer.crt", exchange -> {
            exchange.sendResponseHeaders(200, certificateBody.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(certificateBody);
            }
        });
        server.start();
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        client = new StiPaClient(fetcher(), new StiPaSettings(base() + "/", "local-sti-ca", password), clock);
    }

    private static Fetcher fetcher() {
        return new Fetcher(new FetchSettings(Duration.ofSeconds(5), Duration.ZERO, new AddressPolicy(Set.of(AddressClass.LOOPBACK)),
                Optional.empty()));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized String tokens() {
        validToken = "tok-" + ++tokenNumber;
        return "{\"status\":\"success\",\"accessToken\":\"" + validToken + "\",\"refreshToken\":\"r-" + tokenNumber
                + "\",\"expiresIn\":3600}";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void logsInOnceAndReportsWithTheRawAccessToken() throws IOException {
        String pem = "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n";
        client.reportRevocation(pem, "keyCompromise");
        client.reportRevocation(pem, "superseded");
        assertEquals(List.of("login", "tok-1 keyCompromise " + pem, "tok-1 superseded " + pem), received);
    }

    @Test
    void anExpiredSessionIsRefreshedNotLoggedInAgain() throws IOException {
        client.reportRevocation("pem", "keyCompromise");
        clock.advance(Duration.ofHours(2));
        client.reportRevocation("pem", "keyCompromise");
        assertEquals(List.of("login", "tok-1 keyCompromise pem", "refresh r-1", "tok-2 keyCompromise pem"), received);
    }

    @Test
    void aTokenTheStiPaNoLongerTakesLeadsToOneRenewalAndARetry() throws IOException {
        assertEquals("x.y.z", client.caList());
        validToken = "revoked-on-the-server";
        assertEquals("x.y.z", client.caList());
        assertEquals(List.of("login", "ca-list tok-1", "ca-list tok-1", "refresh r-1", "ca-list tok-2"), received);
    }

    @Test
    void aRefusedLoginIsAFailureWithTheStiPasCleanedExplanation() {
        client = new StiPaClient(fetcher(), new StiPaSettings(base(), "someone-else", dir.resolve("password")), clock);
        StiPaFailure failure = assertThrows(StiPaFailure.class, () -> client.reportRevocation("pem", "keyCompromise"));
        assertEquals(StiPaFailure.Kind.LOGIN_REFUSED, failure.kind());
        assertEquals("the STI-PA refused this server's login", failure.getMessage());
        assertEquals(Optional.of("wrong password  Injected: header"), failure.peerDetail());
        assertEquals(List.of("login"), received);
    }

    @Test
    void onlyA200WithStatusSuccessCountsAsAccepted() {
        revocationStatus = 500;
        assertEquals(StiPaFailure.Kind.REFUSED,
                assertThrows(StiPaFailure.class, () -> client.reportRevocation("pem", "superseded")).kind());
        revocationStatus = 200;
        revocationAnswer = "{\"status\":\"error\"}";
        assertEquals(StiPaFailure.Kind.REFUSED,
                assertThrows(StiPaFailure.class, () -> client.reportRevocation("pem", "superseded")).kind());
        revocationAnswer = "not json";
        assertEquals(StiPaFailure.Kind.BAD_ANSWER,
                assertThrows(StiPaFailure.class, () -> client.reportRevocation("pem", "superseded")).kind());
    }

    @Test
    void anSpcTokenIsAskedForWithTheAtcAndARefusalCarriesTheStiPasReason() throws IOException {
        StiPaClient.SpcToken token = client.spcToken("local-sp", "MAigBhYEMTIzNA", "SHA256 AA:BB");
        assertEquals("a.b.c", token.jwt());
        assertEquals(Optional.of("https://sti-pa.example/crl"), token.crlUrl());
        assertEquals("token {tktype=TNAuthList, tkvalue=MAigBhYEMTIzNA, ca=false, fingerprint=SHA256 AA:BB}", received.get(1));
        StiPaFailure refused = assertThrows(StiPaFailure.class, () -> client.spcToken("local-sp", "MAigBhYEOTk5OQ", "SHA256 AA:BB"));
        assertEquals(StiPaFailure.Kind.REFUSED, refused.kind());
        assertEquals("the STI-PA refused the SPC token: SPC 9999 does not belong to account local-sp", refused.forOperator());
    }

    @Test
    void theCrlAndPemCertificatesAreDownloadedWithoutALogin() throws IOException {
        assertArrayEquals("crl-der".getBytes(StandardCharsets.US_ASCII), client.crl(URI.create(base() + "/download/v1/crl")));
        assertEquals(2, client.certificates(URI.create(base() + "/download/v1/certificate/signer.crt")).size());
        assertEquals(List.of(), received);
    }

    @Test
    void aCertificateDownloadInDerIsRefused() throws Exception {
        certificateBody = Vectors.certificate("stipa-crl-signer.pem").getEncoded();
        StiPaFailure failure = assertThrows(StiPaFailure.class,
                () -> client.certificates(URI.create(base() + "/download/v1/certificate/signer.crt")));
        assertEquals(StiPaFailure.Kind.BAD_ANSWER, failure.kind());
    }

    @Test
    void anUnreachableStiPaIsUnreachable() throws IOException {
        server.stop(0);
        StiPaFailure failure = assertThrows(StiPaFailure.class, () -> client.caList());
        assertEquals(StiPaFailure.Kind.UNREACHABLE, failure.kind());
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        try {
            return JSONObjectUtils.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
