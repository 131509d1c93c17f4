package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.HttpsFetcher;
import org.shakenpki.pkix.Pem;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chains PASSporT {@code x5u} URLs name (ATIS-1000074 section 5.3.1), fetched over https
 * without redirects, within size and time limits, and kept whole (leaf and intermediates: a cache that kept
 * only the leaf broke verifiers, libstirshaken PR #123) for the lifetime {@link CachePolicy} gives. The cache
 * is per node; a node that has not seen a URL fetches it.
 */
@ApplicationScoped
public class X5uChains implements CredentialSource {
    private static final int MAX_BYTES = 32 * 1024;
    private static final int MAX_ENTRIES = 10_000;
    private static final String ACCEPT = "application/pem-certificate-chain, application/x-pem-file, application/pkix-cert";

    @Inject
    HttpsFetcher fetcher;

    @Inject
    Clock clock;

    private record Entry(Instant until, List<X509Certificate> chain) {
    }

    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    @Override
    public List<X509Certificate> chain(URI x5u) throws IOException {
        Instant now = clock.instant();
        Entry entry = cache.get(x5u);
        if (entry != null && entry.until.isAfter(now)) {
            return entry.chain;
        }
        HttpsFetcher.Fetched fetched = fetcher.get(x5u, Map.of("Accept", ACCEPT), MAX_BYTES);
        if (fetched.status() / 100 == 3) {
            throw new IOException("x5u answered with a redirect, which is not followed");
        }
        if (fetched.status() != 200) {
            throw new IOException("x5u answered HTTP " + fetched.status());
        }
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(fetched.body());
        } catch (IllegalArgumentException e) {
            throw new IOException("x5u does not hold certificates");
        }
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
