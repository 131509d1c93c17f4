package org.shakenpki.bench;

import com.nimbusds.jose.util.JSONObjectUtils;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * One shared HTTP/1.1 client for the bench's set-up calls (provisioning, the PASSporTs a verification run sends)
 * and JSON helpers; the load itself is sent by wrk or {@link HttpConnection}, never by this client.
 */
final class Http {
    private final HttpClient client;

    Http(SSLContext tls) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build();
    }

    /** A TLS context trusting only the server's own certificate (the bench talks to 127.0.0.1 only). */
    static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("server-" + i++, (X509Certificate) certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    HttpResponse<String> postJson(URI uri, String json, String... headers) throws IOException, InterruptedException {
        return post(uri, "application/json", json, headers);
    }

    HttpResponse<String> post(URI uri, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs and returns the JSON object answered with the expected status, or throws with the body. */
    Map<String, Object> postExpect(URI uri, String json, int status, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = postJson(uri, json, headers);
        if (response.statusCode() != status) {
            throw new IOException(uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static Map<String, Object> parse(String json) throws IOException {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IOException("not JSON: " + json, e);
        }
    }

    static String json(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }
}
