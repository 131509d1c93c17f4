package org.shakenpki.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.HttpsFetcher;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates an SPC token's {@code x5u} names (RFC 9448 section 6 check 2), fetched over https without
 * redirects and kept for ten minutes: token signers change rarely, and one signer signs many tokens.
 */
@ApplicationScoped
public class X5uSource {
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 256;

    @Inject
    HttpsFetcher fetcher;

    @Inject
    Clock clock;

    private record Entry(Instant until, List<X509Certificate> certificates) {
    }

    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    public List<X509Certificate> certificates(URI x5u) {
        Instant now = clock.instant();
        Entry entry = cache.get(x5u);
        if (entry != null && entry.until.isAfter(now)) {
            return entry.certificates;
        }
        HttpsFetcher.Fetched fetched;
        try {
            fetched = fetcher.get(x5u, "application/pem-certificate-chain, application/x-pem-file, application/pkix-cert", MAX_BYTES);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.CONNECTION, "the token's x5u could not be fetched", e);
        }
        if (fetched.status() / 100 == 3) {
            throw new ProblemException(ProblemType.CONNECTION, "the token's x5u answered with a redirect, which is not followed");
        }
        if (fetched.status() != 200) {
            throw new ProblemException(ProblemType.CONNECTION, "the token's x5u answered HTTP " + fetched.status());
        }
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(fetched.body());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u does not hold certificates");
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(x5u, new Entry(now.plus(KEEP), certificates));
        return certificates;
    }
}
