package org.shakenpki.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound fetcher against loopback servers that misbehave the ways an x5u host can: trickled bodies, stalled
 * headers, oversized bodies, redirects, special-purpose addresses, a crowd of concurrent callers, a dead host,
 * a chatty error page. Nothing here connects anywhere but 127.0.0.1.
 */
class FetcherTest {
    private static final Duration DEADLINE = Duration.ofMillis(1000);
    /** What the JVM, the scheduler and a busy 2-core machine may add to a deadline. */
    private static final long SLACK_MS = 1000;
    private static final AddressPolicy LOOPBACK = new AddressPolicy(Set.of(AddressClass.LOOPBACK));

    private HttpServer server;
    private String base;
    private final Map<String, AtomicInteger> hits = new java.util.concurrent.ConcurrentHashMap<>();
    private final Fetcher fetcher = fetcher(LOOPBACK, Duration.ofSeconds(5));

    private static Fetcher fetcher(AddressPolicy policy, Duration failureCache) {
        return new Fetcher(new FetchSettings(DEADLINE, failureCache, policy, Optional.empty()));
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        context("/small", exchange -> respond(exchange, 200, "hello"));
        context("/large", exchange -> respond(exchange, 200, "x".repeat(10_000)));
        context("/large-chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("x".repeat(1000).getBytes(StandardCharsets.US_ASCII));
                }
            }
        });
        context("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/target");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        context("/target", exchange -> respond(exchange, 200, "followed"));
        context("/slow", exchange -> {
            sleep(500);
            respond(exchange, 200, "slow answer");
        });
        context("/broken", exchange -> respond(exchange, 500, "internal"));
        context("/chatty", exchange -> respond(exchange, 403, "UPSTREAM-SECRET-TEXT: go away, user admin"));
        context("/echo", exchange -> respond(exchange, 201,
                exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesABodyWithinTheLimit() throws IOException {
        Fetcher.Fetched fetched = fetcher.get(URI.create(base + "/small"), Map.of("Accept", "text/plain"), 5);
        assertEquals(200, fetched.status());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), fetched.body());
    }

    @Test
    void aBodyTrickledPastTheDeadlineIsCutOffAndItsConnectionClosed() throws Exception {
        CompletableFuture<Long> serverNoticedClose = new CompletableFuture<>();
        try (RawServer trickle = new RawServer(socket -> {
            RawServer.readHead(socket);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException e) {
                serverNoticedClose.complete(System.nanoTime());
            }
        })) {
            long started = System.nanoTime();
            FetchFailure failure = assertThrows(FetchFailure.class,
                    () -> fetcher.get(URI.create("http://127.0.0.1:" + trickle.port() + "/x5u.pem"), Map.of(), 1000));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(FetchFailure.Reason.TIMEOUT, failure.reason());
            assertTrue(tookMs >= DEADLINE.toMillis() - 50 && tookMs < DEADLINE.toMillis() + SLACK_MS, tookMs + " ms");
            // the server finds its connection gone within a few of its writes: no thread is held on either side
            long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(serverNoticedClose.get(3, TimeUnit.SECONDS) - started);
            assertTrue(closedAfterMs < DEADLINE.toMillis() + 3000, closedAfterMs + " ms");
        }
    }

    @Test
    void headersThatNeverComeEndAtTheDeadline() throws Exception {
        try (RawServer stall = new RawServer(socket -> {
            RawServer.readHead(socket);
            Thread.sleep(20_000);
        })) {
            long started = System.nanoTime();
            FetchFailure failure = assertThrows(FetchFailure.class,
                    () -> fetcher.get(URI.create("http://127.0.0.1:" + stall.port() + "/x5u.pem"), Map.of(), 1000));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(FetchFailure.Reason.TIMEOUT, failure.reason());
            assertTrue(tookMs < DEADLINE.toMillis() + SLACK_MS, tookMs + " ms");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedByItsLengthOrWhileArriving() {
        FetchFailure declared = assertThrows(FetchFailure.class,
                () -> fetcher.get(URI.create(base + "/large"), Map.of(), 9_999));
        assertEquals(FetchFailure.Reason.TOO_LARGE, declared.reason());
        FetchFailure chunked = assertThrows(FetchFailure.class,
                () -> fetcher.get(URI.create(base + "/large-chunked"), Map.of(), 32 * 1024));
        assertEquals(FetchFailure.Reason.TOO_LARGE, chunked.reason());
        FetchFailure posted = assertThrows(FetchFailure.class,
                () -> fetcher.postJson(URI.create(base + "/large"), Map.of(), "{}", 100));
        assertEquals(FetchFailure.Reason.TOO_LARGE, posted.reason());
    }

    @Test
    void aRedirectIsAFailureAndItsLocationIsNeverRequested() {
        FetchFailure failure = assertThrows(FetchFailure.class, () -> fetcher.get(URI.create(base + "/redirect"), Map.of(), 100));
        assertEquals(FetchFailure.Reason.REDIRECT, failure.reason());
        FetchFailure posted = assertThrows(FetchFailure.class,
                () -> fetcher.postJson(URI.create(base + "/redirect"), Map.of(), "{}", 100));
        assertEquals(FetchFailure.Reason.REDIRECT, posted.reason());
        assertEquals(0, hits("/target"));
    }

    @Test
    void specialPurposeAddressesAreRefusedBeforeAnyConnection() {
        Fetcher strict = fetcher(LOOPBACK, Duration.ZERO);
        for (String host : List.of("10.0.0.1", "169.254.169.254", "[fe80::1]", "100.64.0.1", "192.0.2.1", "[::ffff:10.0.0.1]",
                "172.16.5.4", "192.168.1.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "[fc00::1]", "[ff02::1]",
                "[64:ff9b::a00:1]", "[2001:db8::1]", "[2002:a00:1::]", "[::a00:1]")) {
            long started = System.nanoTime();
            FetchFailure failure = assertThrows(FetchFailure.class,
                    () -> strict.get(URI.create("https://" + host + "/x5u.pem"), Map.of(), 1000), host);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(FetchFailure.Reason.ADDRESS_REFUSED, failure.reason(), host);
            assertTrue(tookMs < 200, host + " took " + tookMs + " ms");
            assertFalse(failure.getMessage().contains(host.replaceAll("[\\[\\]]", "")), failure.getMessage());
        }
    }

    @Test
    void theUnspecifiedAddressWhichLinuxConnectsToLoopbackIsRefused() {
        // connecting to 0.0.0.0 reaches this machine's own services: the server below would answer
        FetchFailure failure = assertThrows(FetchFailure.class,
                () -> fetcher.get(URI.create("http://0.0.0.0:" + server.getAddress().getPort() + "/small"), Map.of(), 100));
        assertEquals(FetchFailure.Reason.ADDRESS_REFUSED, failure.reason());
        assertEquals(0, hits("/small"));
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() throws IOException {
        int port = server.getAddress().getPort();
        Fetcher production = fetcher(AddressPolicy.publicOnly(), Duration.ZERO);
        for (String host : List.of("localhost", "127.0.0.1", "127.1.2.3", "[::1]", "[::ffff:127.0.0.1]")) {
            FetchFailure failure = assertThrows(FetchFailure.class,
                    () -> production.get(URI.create("http://" + host + ":" + port + "/small"), Map.of(), 100), host);
            assertEquals(FetchFailure.Reason.ADDRESS_REFUSED, failure.reason(), host);
            assertThrows(FetchFailure.class, () -> production.postJson(URI.create("http://" + host + ":" + port + "/echo"),
                    Map.of(), "{}", 100), host);
        }
        assertEquals(0, hits("/small"));
        assertEquals(0, hits("/echo"));
        assertEquals(200, fetcher.get(URI.create("http://localhost:" + port + "/small"), Map.of(), 100).status());
        assertEquals(1, hits("/small"));
    }

    @Test
    void concurrentGetsOfOneUrlMakeOneUpstreamRequest() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return fetcher.get(URI.create(base + "/slow"), Map.of("Accept", "text/plain"), 100).body();
                }));
            }
            go.countDown();
            for (Future<byte[]> result : results) {
                assertEquals("slow answer", new String(result.get(5, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            }
            assertEquals(1, hits("/slow"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureIsRememberedForItsWindowOnly() throws Exception {
        Fetcher remembering = fetcher(LOOPBACK, Duration.ofMillis(700));
        URI broken = URI.create(base + "/broken");
        FetchFailure first = assertThrows(FetchFailure.class, () -> remembering.get(broken, Map.of(), 100));
        FetchFailure second = assertThrows(FetchFailure.class, () -> remembering.get(broken, Map.of(), 100));
        assertEquals(FetchFailure.Reason.HTTP_STATUS, first.reason());
        assertEquals(FetchFailure.Reason.HTTP_STATUS, second.reason());
        assertEquals(1, hits("/broken"), "the second call was answered from memory");
        Thread.sleep(900);
        assertThrows(FetchFailure.class, () -> remembering.get(broken, Map.of(), 100));
        assertEquals(2, hits("/broken"), "after the window the server is asked again");
    }

    @Test
    void aConfiguredPeerIsAskedAgainAfterAFailureAndItsFailureIsNotReplayedToOthers() throws Exception {
        Fetcher remembering = fetcher(LOOPBACK, Duration.ofMinutes(1));
        URI broken = URI.create(base + "/broken");
        assertThrows(FetchFailure.class, () -> remembering.getFromPeer(broken, Map.of(), 100));
        assertThrows(FetchFailure.class, () -> remembering.getFromPeer(broken, Map.of(), 100));
        assertEquals(2, hits("/broken"), "each peer GET asks the server");
        // a failure a peer GET met is not remembered for the ordinary GETs of the same URL either
        assertThrows(FetchFailure.class, () -> remembering.get(broken, Map.of(), 100));
        assertEquals(3, hits("/broken"));
        // while one an ordinary GET met does not hold back a peer GET
        assertThrows(FetchFailure.class, () -> remembering.getFromPeer(broken, Map.of(), 100));
        assertEquals(4, hits("/broken"));
    }

    @Test
    void theUpstreamsStatusAndBodyNeverReachTheCaller() {
        FetchFailure failure = assertThrows(FetchFailure.class, () -> fetcher.get(URI.create(base + "/chatty"), Map.of(), 1000));
        assertEquals(FetchFailure.Reason.HTTP_STATUS, failure.reason());
        assertEquals("the server did not answer 200 OK", failure.getMessage());
        assertEquals(403, failure.httpStatus().orElseThrow());
    }

    @Test
    void aTlsHandshakeWithAPlainHttpServerIsATlsFailure() throws Exception {
        try (RawServer plain = new RawServer(socket -> {
            socket.getInputStream().read(new byte[512]);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        })) {
            FetchFailure failure = assertThrows(FetchFailure.class,
                    () -> fetcher.get(URI.create("https://127.0.0.1:" + plain.port() + "/x5u.pem"), Map.of(), 100));
            assertEquals(FetchFailure.Reason.TLS_FAILED, failure.reason());
        }
    }

    @Test
    void aClosedPortIsAConnectFailure() throws IOException {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        FetchFailure failure = assertThrows(FetchFailure.class,
                () -> fetcher.get(URI.create("http://127.0.0.1:" + port + "/"), Map.of(), 100));
        assertEquals(FetchFailure.Reason.CONNECT_FAILED, failure.reason());
    }

    @Test
    void postsReturnTheirStatusAndBodyWithHeaders() throws IOException {
        Fetcher.Fetched fetched = fetcher.postJson(URI.create(base + "/echo"), Map.of("Authorization", "t0ken"), "{}", 100);
        assertEquals(201, fetched.status());
        assertEquals("t0ken {}", new String(fetched.body(), StandardCharsets.UTF_8));
    }

    @Test
    void otherSchemesAreRefused() {
        FetchFailure failure = assertThrows(FetchFailure.class, () -> fetcher.get(URI.create("file:///etc/passwd"), Map.of(), 100));
        assertEquals(FetchFailure.Reason.BAD_URL, failure.reason());
    }

    private int hits(String path) {
        return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void context(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, exchange -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            handler.handle(exchange);
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
