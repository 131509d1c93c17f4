package org.shakenpki.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound HTTP(S) for the roles that fetch from others: the STI-CA fetching an SPC token's {@code x5u}
 * (RFC 9448 section 6, fetched without redirects), reporting revocations to the STI-PA.
 *
 * <p>Redirects are never followed (a redirect could lead a trusted URL to untrusted content), every call has
 * a connect and a total time limit, and bodies above a caller-given size are refused while reading. Server
 * certificates are checked against the JDK's default trust store plus the PEM file named by
 * {@code shakenpki.tls.trust-pem} when set (see {@link PemTrust}).
 */
@ApplicationScoped
public class HttpsFetcher {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    @ConfigProperty(name = "shakenpki.tls.trust-pem")
    Optional<String> trustPem;

    private volatile HttpClient client;

    /** For CDI. */
    public HttpsFetcher() {
    }

    /** A fetcher that trusts the JDK defaults plus an optional PEM file. */
    public HttpsFetcher(Optional<String> trustPem) {
        this.trustPem = trustPem;
    }

    /**
     * A response: status, content type, the body bytes (at most the caller's limit) and the response headers
     * (for callers that honour caching directives, such as an STI-VS caching x5u chains).
     */
    public record Fetched(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
        public Fetched(int status, String contentType, byte[] body) {
            this(status, contentType, body, java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /** The first value of a response header, or empty. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** GET with an Accept header. */
    public Fetched get(URI uri, String accept, int maxBytes) throws IOException {
        requireHttp(uri);
        return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET(), maxBytes);
    }

    /** GET with extra request headers, for example an Accept and an Authorization header. */
    public Fetched get(URI uri, Map<String, String> headers, int maxBytes) throws IOException {
        requireHttp(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request, maxBytes);
    }

    /** POST of a JSON body with extra headers. */
    public Fetched postJson(URI uri, Map<String, String> headers, String json, int maxBytes) throws IOException {
        requireHttp(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request, maxBytes);
    }

    private static void requireHttp(URI uri) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("only http and https URLs can be fetched");
        }
    }

    private Fetched send(HttpRequest.Builder request, int maxBytes) throws IOException {
        try {
            HttpResponse<InputStream> response = client().send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new IOException("response body exceeds " + maxBytes + " bytes");
                }
                return new Fetched(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), bytes, response.headers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(CONNECT_TIMEOUT)
                            .sslContext(PemTrust.sslContext(trustPem))
                            .build();
                }
                current = client;
            }
        }
        return current;
    }
}
