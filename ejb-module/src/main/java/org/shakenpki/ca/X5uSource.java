package org.shakenpki.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.FetchFailure;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.PemCertificates;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates an SPC token's {@code x5u} names (RFC 9448 section 6 check 2), fetched through the
 * {@link Fetcher} (one deadline, size limit, no redirects, no special-purpose addresses), read as PEM
 * certificates only ({@link PemCertificates#strict}) and kept for ten minutes: token signers change rarely, and
 * one signer signs many tokens.
 */
@ApplicationScoped
public class X5uSource {
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 256;

    @Inject
    Fetcher fetcher;

    @Inject
    Clock clock;

    private record Entry(Instant until, List<X509Certificate> certificates) {
    }

    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    /**
     * The certificates at the x5u, signer first.
     *
     * @throws ProblemException {@code connection} if it cannot be fetched (the reason, never the server's words),
     *                          {@code unauthorized} if it does not serve PEM certificates
     */
    public List<X509Certificate> certificates(URI x5u) {
        Instant now = clock.instant();
        Entry entry = cache.get(x5u);
        if (entry != null && entry.until.isAfter(now)) {
            return entry.certificates;
        }
        Fetcher.Fetched fetched;
        try {
            fetched = fetcher.get(x5u, Map.of("Accept", "application/pem-certificate-chain, application/x-pem-file, application/pkix-cert"),
                    MAX_BYTES);
        } catch (FetchFailure e) {
            throw new ProblemException(ProblemType.CONNECTION, "the token's x5u could not be fetched ("
                    + e.reason() + "): " + e.getMessage(), e);
        }
        List<X509Certificate> certificates;
        try {
            certificates = PemCertificates.strict(fetched.body());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u does not serve PEM certificates: " + e.getMessage());
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(x5u, new Entry(now.plus(KEEP), certificates));
        return certificates;
    }
}
