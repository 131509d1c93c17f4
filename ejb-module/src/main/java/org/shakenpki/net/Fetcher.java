package org.shakenpki.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.metrics.Metrics;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one outbound HTTP(S) client of every role: PASSporT {@code x5u} chains (STI-VS, ATIS-1000074 section
 * 5.3.1), SPC token {@code x5u} certificates (STI-CA, RFC 9448 section 6), the STI-PA API, CRL and certificates
 * (ATIS-1000080 sections 5.3 and 6.3), the SP-KMS webhook. Each of them may name a server run by someone else,
 * so a fetch is bounded in every way a server could abuse:
 *
 * <ul>
 * <li><b>one deadline</b> ({@code shakenpki.fetch.timeout}, 10 s) for the whole exchange: name lookup, connect
 *     (at most 5 s of it), TLS, headers and the last byte of the body. A server that trickles its body is cut
 *     off at the deadline and its connection closed;</li>
 * <li><b>a size limit</b> per call, counted while the body arrives (a Content-Length over it is refused before
 *     reading);</li>
 * <li><b>no redirects</b>: a 3xx is {@link FetchFailure.Reason#REDIRECT}, its Location is never requested;</li>
 * <li><b>an address policy</b> ({@link AddressPolicy}, {@code shakenpki.fetch.allowed-special-addresses}): the host
 *     is resolved first and refused, before any connection, if any of its addresses is an RFC 6890
 *     special-purpose address of a class not allowed;</li>
 * <li><b>single flight</b>: concurrent GETs of one URL (same headers and limit) share one upstream request;</li>
 * <li><b>failure cache</b>: a failed GET is answered from memory for {@code shakenpki.fetch.failure-cache} (5 s),
 *     so a dead or slow host is asked at most once per window however many calls name it. Not for
 *     {@link #getFromPeer} (the STI-PA the operator configured): its callers keep their last good answer and
 *     retry on their own schedule, and a failure remembered from a start-up race (the SP-KMS's first CRL check
 *     before the STI-PA listened) must not be replayed to the STI-VS's next CRL fetch;</li>
 * <li><b>fixed failure texts</b>: the caller gets a {@link FetchFailure} with a reason and this server's own
 *     words, never the remote status text or body.</li>
 * </ul>
 *
 * <p><b>DNS rebinding.</b> The JDK 17 {@link HttpClient} cannot be handed the checked address: it resolves the
 * host again when it connects. Both lookups normally return the same answer, because the JVM caches successful
 * lookups ({@code networkaddress.cache.ttl}, 30 s by default) and the check has just filled that cache. A hostile
 * name server can still win if the cache entry expires between the two lookups, or if the cache is switched
 * off ({@code networkaddress.cache.ttl=0}). The policy therefore stops URLs that name or resolve to internal
 * addresses, not an attacker who controls a name server and races the cache; where that matters, outbound
 * traffic belongs behind an egress firewall or proxy that enforces the same rule on the wire.
 *
 * <p>Server certificates are checked against the JDK's trust store plus {@code shakenpki.tls.trust-pem}
 * ({@link PemTrust}). Failures are logged at FINE with the URL and, for an HTTP status, its number.
 */
@ApplicationScoped
public class Fetcher {
    private static final Logger LOG = Logger.getLogger(Fetcher.class.getName());
    private static final int MOST_REMEMBERED_FAILURES = 10_000;

    @Inject
    @ConfigProperty(name = "shakenpki.tls.trust-pem")
    Optional<String> trustPem;

    @Inject
    @ConfigProperty(name = "shakenpki.fetch.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "shakenpki.fetch.failure-cache", defaultValue = "PT5S")
    Duration failureCache;

    @Inject
    @ConfigProperty(name = "shakenpki.fetch.allowed-special-addresses", defaultValue = "none")
    String allowedSpecialAddresses;

    private volatile FetchSettings settings;
    private volatile HttpClient client;

    /** Name lookups run here so that a slow name server counts against the deadline too. */
    private final ThreadPoolExecutor lookups = lookupPool();

    /** One GET in flight per key; later callers wait for its outcome. */
    private final Map<Key, CompletableFuture<Fetched>> inFlight = new ConcurrentHashMap<>();
    private final Map<Key, Remembered> failures = new ConcurrentHashMap<>();

    /** For CDI: the settings come from MicroProfile Config. */
    public Fetcher() {
    }

    /** A fetcher with explicit settings (tests, tools). */
    public Fetcher(FetchSettings settings) {
        this.settings = settings;
    }

    /**
     * A response with the status, the content type, the body and the response headers (for callers that honour
     * caching directives). A GET's body may be shared between merged callers: it must not be modified.
     */
    public record Fetched(int status, String contentType, byte[] body, HttpHeaders headers) {
        /** The first value of a response header, or empty. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private record Key(URI uri, Map<String, String> headers, int maxBytes) {
    }

    private record Remembered(FetchFailure failure, long untilNanos) {
    }

    /**
     * GET of a resource that must answer 200: a certificate chain, a CRL, a trust list.
     *
     * @param headers  request headers such as Accept and Authorization (part of what merges requests)
     * @param maxBytes the largest body accepted
     * @throws FetchFailure for any other answer or none in time
     */
    public Fetched get(URI uri, Map<String, String> headers, int maxBytes) throws FetchFailure {
        return get(uri, headers, maxBytes, true);
    }

    /**
     * GET, as {@link #get}, of a peer the operator configured (the STI-PA's API, CRL and certificates): every call
     * asks it again, without the failure cache, since its callers keep their last good answer and retry on their
     * own schedule. Concurrent GETs are still merged.
     */
    public Fetched getFromPeer(URI uri, Map<String, String> headers, int maxBytes) throws FetchFailure {
        return get(uri, headers, maxBytes, false);
    }

    private Fetched get(URI uri, Map<String, String> headers, int maxBytes, boolean rememberFailure) throws FetchFailure {
        checkUrl(uri);
        Key key = new Key(uri, Map.copyOf(headers), maxBytes);
        Remembered remembered = rememberFailure ? failures.get(key) : null;
        if (remembered != null) {
            if (System.nanoTime() - remembered.untilNanos < 0) {
                throw remembered.failure.copy();
            }
            failures.remove(key, remembered);
        }
        CompletableFuture<Fetched> mine = new CompletableFuture<>();
        CompletableFuture<Fetched> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitShared(running);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            key.headers.forEach(request::header);
            Fetched fetched = exchange(uri, request, maxBytes, false);
            mine.complete(fetched);
            return fetched;
        } catch (FetchFailure e) {
            if (rememberFailure) {
                remember(key, e);
            }
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * POST of a JSON body to an API. Every status but a redirect is returned with its body (at most
     * {@code maxBytes}): the API client reads the status. POSTs are neither merged nor answered from the
     * failure cache.
     */
    public Fetched postJson(URI uri, Map<String, String> headers, String json, int maxBytes) throws FetchFailure {
        checkUrl(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return exchange(uri, request, maxBytes, true);
    }

    private Fetched awaitShared(CompletableFuture<Fetched> running) throws FetchFailure {
        try {
            // the leader's own fetch ends at its deadline; the margin only covers its bookkeeping
            return running.get(settings().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchFailure failure) {
                throw failure.copy();
            }
            throw new FetchFailure(FetchFailure.Reason.CONNECT_FAILED, "the fetch failed", e.getCause());
        } catch (TimeoutException e) {
            throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "no complete answer within " + settings().timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "interrupted while waiting for the answer");
        }
    }

    private void remember(Key key, FetchFailure failure) {
        Duration window = settings().failureCache();
        if (window.isZero() || failure.reason() == FetchFailure.Reason.BAD_URL) {
            return;
        }
        if (failures.size() >= MOST_REMEMBERED_FAILURES) {
            long now = System.nanoTime();
            failures.values().removeIf(r -> now - r.untilNanos >= 0);
            if (failures.size() >= MOST_REMEMBERED_FAILURES) {
                failures.clear();
            }
        }
        failures.put(key, new Remembered(failure, System.nanoTime() + window.toNanos()));
    }

    private Fetched exchange(URI uri, HttpRequest.Builder request, int maxBytes, boolean anyStatus) throws FetchFailure {
        FetchSettings current = settings();
        long deadline = System.nanoTime() + current.timeout().toNanos();
        try {
            current.addresses().check(resolve(uri.getHost(), deadline));
            CappedBodies bodies = new CappedBodies(maxBytes, anyStatus);
            CompletableFuture<HttpResponse<byte[]>> response = client(current).sendAsync(
                    request.timeout(Duration.ofNanos(Math.max(1, remaining(deadline)))).build(), bodies);
            HttpResponse<byte[]> answer;
            try {
                answer = response.get(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                response.cancel(true);
                bodies.abort();
                throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "no complete answer within " + current.timeout().toSeconds() + " s");
            } catch (InterruptedException e) {
                response.cancel(true);
                bodies.abort();
                Thread.currentThread().interrupt();
                throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "interrupted while waiting for the answer");
            } catch (ExecutionException e) {
                throw classify(e.getCause());
            }
            int status = answer.statusCode();
            if (status / 100 == 3) {
                throw new FetchFailure(FetchFailure.Reason.REDIRECT, "the server answered with a redirect, which is not followed");
            }
            if (!anyStatus && status != 200) {
                throw new FetchFailure(FetchFailure.Reason.HTTP_STATUS, "the server did not answer 200 OK", status, null);
            }
            return new Fetched(status, answer.headers().firstValue("Content-Type").orElse(""),
                    answer.body() == null ? new byte[0] : answer.body(), answer.headers());
        } catch (FetchFailure e) {
            Metrics.fetchFailure(e.reason().name().toLowerCase(java.util.Locale.ROOT));
            LOG.log(Level.FINE, e, () -> "fetch of " + uri + " failed: " + e.reason()
                    + e.httpStatus().stream().mapToObj(s -> " (HTTP " + s + ")").findFirst().orElse(""));
            throw e;
        }
    }

    private static void checkUrl(URI uri) throws FetchFailure {
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new FetchFailure(FetchFailure.Reason.BAD_URL, "only http and https URLs are fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchFailure(FetchFailure.Reason.BAD_URL, "the URL has no host");
        }
    }

    private InetAddress[] resolve(String host, long deadline) throws FetchFailure {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        try {
            lookups.execute(() -> {
                try {
                    lookup.complete(InetAddress.getAllByName(host));
                } catch (UnknownHostException | RuntimeException e) {
                    lookup.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new FetchFailure(FetchFailure.Reason.UNKNOWN_HOST, "too many name lookups are waiting");
        }
        try {
            return lookup.get(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "the host name did not resolve in time");
        } catch (ExecutionException e) {
            throw new FetchFailure(FetchFailure.Reason.UNKNOWN_HOST, "the host name does not resolve");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure(FetchFailure.Reason.TIMEOUT, "interrupted while resolving the host name");
        }
    }

    private static FetchFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                return new FetchFailure(FetchFailure.Reason.TOO_LARGE, "the answer is larger than this server accepts");
            }
            if (t instanceof HttpTimeoutException) {
                return new FetchFailure(FetchFailure.Reason.TIMEOUT, "no complete answer in time", t);
            }
            if (t instanceof SSLException) {
                return new FetchFailure(FetchFailure.Reason.TLS_FAILED, "the TLS handshake failed", t);
            }
            if (t instanceof ConnectException) {
                return new FetchFailure(FetchFailure.Reason.CONNECT_FAILED, "the connection could not be made", t);
            }
        }
        if (failure instanceof IllegalArgumentException) {
            return new FetchFailure(FetchFailure.Reason.BAD_URL, "the request cannot be made", failure);
        }
        return new FetchFailure(FetchFailure.Reason.CONNECT_FAILED, "the connection failed", failure);
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private FetchSettings settings() {
        FetchSettings current = settings;
        if (current == null) {
            current = new FetchSettings(timeout, failureCache, AddressPolicy.parse(allowedSpecialAddresses), trustPem);
            settings = current;
        }
        return current;
    }

    private HttpClient client(FetchSettings current) {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(current.connectTimeout())
                            .sslContext(PemTrust.sslContext(current.trustPem()))
                            .build();
                }
                built = client;
            }
        }
        return built;
    }

    private static ThreadPoolExecutor lookupPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000), r -> {
            Thread thread = new Thread(r, "shakenpki-fetch-lookup");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Picks the body reader once the status and headers are known. */
    private static final class CappedBodies implements HttpResponse.BodyHandler<byte[]> {
        private final int maxBytes;
        private final boolean anyStatus;
        private volatile CappedBody current;
        private volatile boolean aborted;

        CappedBodies(int maxBytes, boolean anyStatus) {
            this.maxBytes = maxBytes;
            this.anyStatus = anyStatus;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            boolean wanted = status / 100 != 3 && (anyStatus || status == 200);
            CappedBody body;
            if (!wanted) {
                body = CappedBody.unread();
            } else if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                body = CappedBody.tooLarge();
            } else {
                body = CappedBody.upTo(maxBytes);
            }
            current = body;
            if (aborted) {
                body.abort();
            }
            return body;
        }

        void abort() {
            aborted = true;
            CappedBody body = current;
            if (body != null) {
                body.abort();
            }
        }
    }
}
