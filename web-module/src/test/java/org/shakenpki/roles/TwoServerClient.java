package org.shakenpki.roles;

import com.nimbusds.jose.util.JSONObjectUtils;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** An HTTPS client that trusts the TLS certificates of the given servers, and nothing else. */
final class TwoServerClient {
    private final HttpClient client;

    TwoServerClient(Path... certificates) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Path certificate : certificates) {
                try (InputStream pem = Files.newInputStream(certificate)) {
                    trust.setCertificateEntry("server-" + i++, CertificateFactory.getInstance("X.509").generateCertificate(pem));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test servers' certificates", e);
        }
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with {@code Authorization: Bearer <token>}. */
    HttpResponse<String> postBearer(URI uri, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> getBearer(URI uri, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET());
    }

    /** A JSON POST with HTTP Basic, as the STI-PA's administrator API takes it. */
    HttpResponse<String> postBasic(URI uri, String user, String password, String json) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(HttpResponse<String> response) throws ParseException {
        return JSONObjectUtils.parse(response.body());
    }
}
