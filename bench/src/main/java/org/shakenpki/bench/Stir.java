package org.shakenpki.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The STI-AS and STI-VS HTTP interfaces (ATIS-1000082 style JSON) as a call-processing client uses them: signing
 * with an STI-AS API key ({@code Authorization: Bearer}).
 */
final class Stir {
    static final String ORIG = "12155550121";
    static final String DEST = "12155550131";

    private final Http http;
    private final URI signing;
    private final URI verification;
    private final String authorization;

    Stir(Http http, URI base, String apiKey) {
        this.http = http;
        this.authorization = "Bearer " + apiKey;
        this.signing = base.resolve("/stir/v1/signing");
        this.verification = base.resolve("/stir/v1/verification");
    }

    /**
     * A signing request for the bench call (ATIS-1000082 signingRequest) without {@code iat}: the STI-AS sets it, as
     * secsipidx does for its CSV, and the same body stays valid however long the warm-up and runs take (a given
     * {@code iat} must lie within 5 s of the STI-AS clock).
     */
    static String signingBody() {
        return "{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + DEST + "\"]},\"orig\":{\"tn\":\"" + ORIG + "\"}}}";
    }

    /** A verification request for the bench call carrying the Identity header value, {@code time} now. */
    static String verificationBody(String identity) {
        return Http.json(Map.of("verificationRequest", Map.of(
                "from", Map.of("tn", ORIG), "to", Map.of("tn", List.of(DEST)), "time", now(), "identity", identity)));
    }

    /** What the load generators send to sign: the request with the API key, and the answer's marker. */
    RequestSet signingRequests() {
        return new RequestSet("POST", signing, Map.of("Content-Type", "application/json", "Authorization", authorization),
                List.of(signingBody()), "\"identity\"");
    }

    /**
     * What the load generators send to verify: {@code n} PASSporTs signed now, so that the whole run falls inside
     * the STI-VS's iat freshness window (60 s); an answer passes only with TN-Validation-Passed.
     */
    RequestSet verificationRequests(int n) throws Exception {
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(verificationBody(sign()));
        }
        return new RequestSet("POST", verification, Map.of("Content-Type", "application/json"), bodies,
                "TN-Validation-Passed");
    }

    /** Signs a PASSporT for the bench call; returns the Identity header value. */
    String sign() throws Exception {
        Map<String, Object> response = http.postExpect(signing, signingBody(), 200, "Authorization", authorization);
        Object identity = response.get("signingResponse") instanceof Map<?, ?> sr ? sr.get("identity") : null;
        if (!(identity instanceof String value) || value.isEmpty()) {
            throw new IOException("signing answered without an identity");
        }
        return value;
    }

    /** The raw verification response, so that a missing STI-VS (404) can be told apart. */
    HttpResponse<String> verifyRaw(String identity) throws Exception {
        return http.postJson(verification, verificationBody(identity));
    }

    /** Verifies; throws unless the answer is TN-Validation-Passed. */
    void verify(String identity) throws Exception {
        HttpResponse<String> response = verifyRaw(identity);
        if (response.statusCode() != 200) {
            throw new IOException("verification answered " + response.statusCode() + ": " + response.body());
        }
        Object result = Http.parse(response.body()).get("verificationResponse");
        Object verstat = result instanceof Map<?, ?> vr ? vr.get("verstat") : null;
        if (!"TN-Validation-Passed".equals(verstat)) {
            throw new IOException("verstat " + verstat + ": " + response.body());
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
