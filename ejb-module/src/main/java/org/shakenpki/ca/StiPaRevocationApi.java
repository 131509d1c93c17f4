package org.shakenpki.ca;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.net.HttpsFetcher;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * The STI-PA revocation API as an STI-CA client sees it (iconectiv-compatible, see
 * reference/shaken-standards.md section 1c): {@code POST /api/v1/auth/login} with {@code userId} and
 * {@code password} gives an {@code accessToken}; {@code POST /api/v1/revocations} with that token as the raw
 * {@code Authorization} header and {@code {"certificate": PEM, "reason": RFC 5280 name}} records a revocation.
 */
public final class StiPaRevocationApi {
    private static final int MAX_BYTES = 64 * 1024;

    private final HttpsFetcher fetcher;
    private final String base;

    /** @param base the STI-PA API base URL, without a trailing slash */
    public StiPaRevocationApi(HttpsFetcher fetcher, String base) {
        this.fetcher = fetcher;
        this.base = base;
    }

    /** Logs in and reports one revocation; any answer but a 200 with status success is an IOException. */
    public void report(String userId, String password, String certificatePem, String reason) throws IOException {
        String token = login(userId, password);
        String body = JSONObjectUtils.toJSONString(Map.of("certificate", certificatePem, "reason", reason));
        HttpsFetcher.Fetched response = fetcher.postJson(URI.create(base + "/api/v1/revocations"),
                Map.of("Authorization", token), body, MAX_BYTES);
        if (response.status() != 200 || !"success".equals(json(response).get("status"))) {
            throw new IOException("the STI-PA refused the revocation: HTTP " + response.status());
        }
    }

    private String login(String userId, String password) throws IOException {
        String body = JSONObjectUtils.toJSONString(Map.of("userId", userId, "password", password));
        HttpsFetcher.Fetched response = fetcher.postJson(URI.create(base + "/api/v1/auth/login"), Map.of(), body, MAX_BYTES);
        if (response.status() != 200) {
            throw new IOException("the STI-PA login answered HTTP " + response.status());
        }
        if (!(json(response).get("accessToken") instanceof String token) || token.isEmpty()) {
            throw new IOException("the STI-PA login gave no accessToken");
        }
        return token;
    }

    private static Map<String, Object> json(HttpsFetcher.Fetched response) throws IOException {
        try {
            return JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException("the STI-PA answer is not JSON (HTTP " + response.status() + ")");
        }
    }
}
