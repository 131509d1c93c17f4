package org.shakenpki.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The signing and verification peer: secsipidx's HTTP server ({@code secsipidx -http-srv}, the Go signer and
 * verifier behind Kamailio's secsipid module), started by {@code bench/run-bench.sh} with a P-256 key in a file
 * and its public key given ({@code -fpubkey}), so that {@code /v1/check} fetches no certificate, and with
 * {@code -expire 60}, the STI-VS's iat freshness window. Same call as the STI-AS/STI-VS runs: A attestation,
 * the same calling and called numbers.
 */
final class Secsipidx {
    private static final String X5U = "https://localhost/bench/secsipidx.pem";

    private final Http http;
    private final URI signCsv;
    private final URI check;

    Secsipidx(Http http, URI base) {
        this.http = http;
        this.signCsv = base.resolve("/v1/sign-csv");
        this.check = base.resolve("/v1/check");
    }

    /** {@code POST /v1/sign-csv}: body {@code orig,dest,attest,origid,x5u}; answers the Identity header value. */
    RequestSet signingRequests() {
        return new RequestSet("POST", signCsv, Map.of("Content-Type", "text/plain"), List.of(csv()), ";info=<");
    }

    /** {@code POST /v1/check}: body the Identity header value; answers 200 "OK" (500 "FAILED" otherwise). */
    RequestSet verificationRequests(int n) throws Exception {
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> signed = http.post(signCsv, "text/plain", csv());
            if (signed.statusCode() != 200 || !signed.body().contains(";info=<")) {
                throw new IOException("secsipidx /v1/sign-csv answered " + signed.statusCode() + ": " + signed.body());
            }
            identities.add(signed.body().strip());
        }
        return new RequestSet("POST", check, Map.of("Content-Type", "text/plain"), identities, "OK");
    }

    private static String csv() {
        return Stir.ORIG + "," + Stir.DEST + ",A,bench," + X5U;
    }
}
