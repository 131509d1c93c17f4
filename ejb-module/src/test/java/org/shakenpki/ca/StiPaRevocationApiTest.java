package org.shakenpki.ca;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shakenpki.net.HttpsFetcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The revocation report as an STI-PA receives it: login, then the certificate and reason with the raw token. */
class StiPaRevocationApiTest {
    private HttpServer server;
    private StiPaRevocationApi api;
    private final List<String> received = new ArrayList<>();
    private int revocationStatus = 200;
    private String revocationAnswer = "{\"status\":\"success\",\"message\":\"revoked\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/auth/login", exchange -> {
            Map<String, Object> login = body(exchange);
            boolean ok = "local-sti-ca".equals(login.get("userId")) && "s3cret".equals(login.get("password"));
            respond(exchange, ok ? 200 : 401, ok ? "{\"status\":\"success\",\"accessToken\":\"tok-1\",\"refreshToken\":\"r\"}"
                    : "{\"status\":\"error\"}");
        });
        server.createContext("/api/v1/revocations", exchange -> {
            Map<String, Object> revocation = body(exchange);
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + revocation.get("reason") + " "
                    + revocation.get("certificate"));
            respond(exchange, revocationStatus, revocationAnswer);
        });
        server.start();
        api = new StiPaRevocationApi(new HttpsFetcher(Optional.empty()), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void logsInAndReportsWithTheRawAccessToken() throws IOException {
        api.report("local-sti-ca", "s3cret", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", "keyCompromise");
        assertEquals(List.of("tok-1 keyCompromise -----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n"), received);
    }

    @Test
    void aRefusedLoginIsAFailedAttempt() {
        assertThrows(IOException.class, () -> api.report("local-sti-ca", "wrong", "pem", "keyCompromise"));
        assertEquals(List.of(), received);
    }

    @Test
    void onlyA200WithStatusSuccessCountsAsAccepted() {
        revocationStatus = 500;
        assertThrows(IOException.class, () -> api.report("local-sti-ca", "s3cret", "pem", "superseded"));
        revocationStatus = 200;
        revocationAnswer = "{\"status\":\"error\"}";
        assertThrows(IOException.class, () -> api.report("local-sti-ca", "s3cret", "pem", "superseded"));
        revocationAnswer = "not json";
        assertThrows(IOException.class, () -> api.report("local-sti-ca", "s3cret", "pem", "superseded"));
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
