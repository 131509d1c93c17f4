package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.net.FetchFailure;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.PemCertificates;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chains PASSporT {@code x5u} URLs name (ATIS-1000074 section 5.3.1), fetched through the
 * {@link Fetcher} (one deadline, size limit, no redirects, no special-purpose addresses, merged concurrent
 * fetches, failures remembered for a few seconds), read as PEM certificates only ({@link PemCertificates#strict}:
 * DER and PKCS#7 bodies are refused), and kept whole (leaf and intermediates: a cache that kept only the leaf
 * broke verifiers, libstirshaken PR #123) for the lifetime {@link CachePolicy} gives. The cache is per node; a
 * node that has not seen a URL fetches it.
 */
@ApplicationScoped
public class X5uChains implements CredentialSource {
    private static final int MAX_BYTES = 32 * 1024;
    private static final int MAX_ENTRIES = 10_000;
    private static final String ACCEPT = "application/pem-certificate-chain, application/x-pem-file, application/pkix-cert";

    @Inject
    Fetcher fetcher;

    @Inject
    Clock clock;

    private record Entry(Instant until, List<X509Certificate> chain) {
    }

    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    /** One cached chain as the STI-VS console shows it: the URL, until when it is used, its leaf and length. */
    public record Cached(URI x5u, Instant until, boolean fresh, String leafSubject, String leafSerialHex, int certificates) {
    }

    /** What this node holds now (expired entries included until they are replaced), soonest expiry last, at most {@code limit}. */
    public List<Cached> cached(int limit) {
        Instant now = clock.instant();
        return cache.entrySet().stream()
                .map(e -> new Cached(e.getKey(), e.getValue().until, e.getValue().until.isAfter(now),
                        e.getValue().chain.isEmpty() ? "" : e.getValue().chain.get(0).getSubjectX500Principal().getName(),
                        e.getValue().chain.isEmpty() ? "" : e.getValue().chain.get(0).getSerialNumber().toString(16),
                        e.getValue().chain.size()))
                .sorted(java.util.Comparator.comparing(Cached::until).reversed())
                .limit(limit)
                .toList();
    }

    /** How many chains this node holds. */
    public int size() {
        return cache.size();
    }

    /**
     * @throws FetchFailure with the reason (its message is this server's own text, never the x5u server's)
     */
    @Override
    public List<X509Certificate> chain(URI x5u) throws IOException {
        Instant now = clock.instant();
        Entry entry = cache.get(x5u);
        Metrics.x5uLookup(entry != null && entry.until.isAfter(now));
        if (entry != null && entry.until.isAfter(now)) {
            return entry.chain;
        }
        long started = System.nanoTime();
        Fetcher.Fetched fetched;
        List<X509Certificate> chain;
        try {
            fetched = fetcher.get(x5u, Map.of("Accept", ACCEPT), MAX_BYTES);
            chain = PemCertificates.strict(fetched.body());
        } catch (FetchFailure e) {
            Metrics.x5uFetch(started, e.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        } catch (IllegalArgumentException e) {
            Metrics.x5uFetch(started, "bad_content");
            throw new FetchFailure(FetchFailure.Reason.BAD_CONTENT, "x5u does not serve PEM certificates: " + e.getMessage());
        }
        Metrics.x5uFetch(started, null);
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(e -> !e.until.isAfter(now));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(x5u, new Entry(now.plus(CachePolicy.lifetime(fetched.header("Cache-Control").orElse(null))), chain));
        return chain;
    }
}
