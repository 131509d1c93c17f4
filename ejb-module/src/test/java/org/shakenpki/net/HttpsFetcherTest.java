package org.shakenpki.net;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound fetcher follows no redirect, refuses oversized bodies and other schemes. */
class HttpsFetcherTest {
    private HttpServer server;
    private String base;
    private final HttpsFetcher fetcher = new HttpsFetcher(Optional.empty());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/small");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/small", exchange -> respond(exchange, "hello"));
        server.createContext("/large", exchange -> respond(exchange, "x".repeat(10_000)));
        server.createContext("/echo", exchange -> respond(exchange,
                exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesABodyWithinTheLimit() throws IOException {
        HttpsFetcher.Fetched fetched = fetcher.get(URI.create(base + "/small"), "text/plain", 5);
        assertEquals(200, fetched.status());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), fetched.body());
    }

    @Test
    void doesNotFollowRedirects() throws IOException {
        HttpsFetcher.Fetched fetched = fetcher.get(URI.create(base + "/redirect"), "text/plain", 100);
        assertEquals(302, fetched.status());
    }

    @Test
    void refusesABodyAboveTheLimit() {
        IOException e = assertThrows(IOException.class, () -> fetcher.get(URI.create(base + "/large"), "text/plain", 9_999));
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
    }

    @Test
    void postsJsonWithHeaders() throws IOException {
        HttpsFetcher.Fetched fetched = fetcher.postJson(URI.create(base + "/echo"), Map.of("Authorization", "t0ken"), "{}", 100);
        assertEquals("t0ken {}", new String(fetched.body(), StandardCharsets.UTF_8));
    }

    @Test
    void refusesOtherSchemes() {
        assertThrows(IOException.class, () -> fetcher.get(URI.create("file:///etc/passwd"), "text/plain", 100));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
