package org.shakenpki.kms;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.HttpsFetcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SP-KMS's client of the STI-PA token API (RFC 9447 section 5.1, RFC 9448 section 5.5, in the shape of
 * the deployed US STI-PA: login, then {@code POST /api/v1/account/{id}/token} with the access token raw in
 * {@code Authorization}). It checks what it gets: a JWT whose {@code atc} is what was asked for.
 */
@ApplicationScoped
public class StiPaTokenClient {
    private static final int MAX_RESPONSE = 64 * 1024;

    @Inject
    HttpsFetcher http;

    @Inject
    KmsSettings settings;

    /** An SPC token and the STI-PA CRL URL the response named. */
    public record SpcToken(String jwt, String crlUrl) {
    }

    public SpcToken requestToken(String tkvalue, String fingerprint) throws IssuanceFailure {
        String account = settings.stiPaAccountId().orElseThrow(
                () -> new IssuanceFailure("shakenpki.kms.sti-pa.account-id is not configured"));
        String accessToken = login();
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", "TNAuthList");
        atc.put("tkvalue", tkvalue);
        atc.put("ca", false);
        atc.put("fingerprint", fingerprint);
        Map<String, Object> response = post("/api/v1/account/" + URLEncoder.encode(account, StandardCharsets.UTF_8)
                + "/token", Map.of("Authorization", accessToken), JSONObjectUtils.toJSONString(Map.of("atc", atc)),
                "the STI-PA refused the SPC token");
        Object token = response.get("token");
        if (!(token instanceof String jwt) || jwt.split("\\.").length != 3) {
            throw new IssuanceFailure("the STI-PA answered without a token");
        }
        return new SpcToken(jwt, response.get("crl") instanceof String crl ? crl : null);
    }

    private String login() throws IssuanceFailure {
        String user = settings.stiPaUserId().orElseThrow(
                () -> new IssuanceFailure("shakenpki.kms.sti-pa.user-id is not configured"));
        String password;
        try {
            password = settings.stiPaPassword();
        } catch (IllegalStateException e) {
            throw new IssuanceFailure(e.getMessage(), e);
        }
        Map<String, Object> response = post("/api/v1/auth/login", Map.of(),
                JSONObjectUtils.toJSONString(Map.of("userId", user, "password", password)), "STI-PA login failed");
        if (!(response.get("accessToken") instanceof String accessToken)) {
            throw new IssuanceFailure("the STI-PA login answered without an access token");
        }
        return accessToken;
    }

    private Map<String, Object> post(String path, Map<String, String> headers, String json, String failure)
            throws IssuanceFailure {
        HttpsFetcher.Fetched fetched;
        try {
            fetched = http.postJson(URI.create(settings.stiPaUrl() + path), headers, json, MAX_RESPONSE);
        } catch (IOException | IllegalArgumentException e) {
            throw new IssuanceFailure(failure + ": the STI-PA at " + settings.stiPaUrl() + " is unreachable: " + e.getMessage(), e);
        }
        String body = new String(fetched.body(), StandardCharsets.UTF_8);
        if (fetched.status() != 200) {
            throw new IssuanceFailure(failure + " (HTTP " + fetched.status() + "): " + PeerProblems.explain(body));
        }
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new IssuanceFailure(failure + ": the STI-PA answered something that is not JSON", e);
        }
    }
}
