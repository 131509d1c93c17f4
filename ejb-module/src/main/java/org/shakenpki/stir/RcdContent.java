package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.Fetcher;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content Rich Call Data URIs name (RFC 9795 section 5.1: {@code icn} logos, {@code jcl} jCards, URIs inside
 * {@code jcd}), fetched through the {@link Fetcher} like every outbound request: one deadline, at most
 * {@link #MAX_BYTES}, no redirects, no special-purpose addresses (a PASSporT's {@code icn} is attacker-chosen
 * until its signature verifies, and even then names a server of someone else).
 *
 * <p>The STI-AS hashes what it fetches now ({@link #fresh}): the digest it signs must be of the content as served
 * at signing time. The STI-VS keeps what it fetched ({@link #cached}) as long as the response's
 * {@code Cache-Control: max-age} says, at most an hour, and {@link #DEFAULT_LIFETIME} when it says nothing; a
 * {@code max-age=0} or {@code no-store} response is not kept.
 */
@ApplicationScoped
public class RcdContent {
    /** The largest logo or jCard fetched. */
    static final int MAX_BYTES = 512 * 1024;
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 1_000;
    private static final String ACCEPT = "image/*, application/json, application/vcard+json, */*;q=0.5";

    @Inject
    Fetcher fetcher;

    @Inject
    Clock clock;

    private record Entry(Instant until, byte[] body) {
    }

    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    /** The content as served now. */
    public byte[] fresh(URI uri) throws IOException {
        return fetcher.get(uri, Map.of("Accept", ACCEPT), MAX_BYTES).body().clone();
    }

    /** The content, from the cache while its lifetime lasts. */
    public byte[] cached(URI uri) throws IOException {
        Instant now = clock.instant();
        Entry entry = cache.get(uri);
        if (entry != null && entry.until.isAfter(now)) {
            return entry.body;
        }
        Fetcher.Fetched fetched = fetcher.get(uri, Map.of("Accept", ACCEPT), MAX_BYTES);
        Duration lifetime = lifetime(fetched.header("Cache-Control").orElse(null));
        if (!lifetime.isZero()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(uri, new Entry(now.plus(lifetime), fetched.body().clone()));
        }
        return fetched.body();
    }

    static Duration lifetime(String cacheControl) {
        if (cacheControl == null) {
            return DEFAULT_LIFETIME;
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.strip().toLowerCase(Locale.ROOT);
            if (d.equals("no-store") || d.equals("no-cache")) {
                return Duration.ZERO;
            }
            if (d.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(d.substring(8).replace("\"", "").strip());
                    return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, MAX_LIFETIME.toSeconds()));
                } catch (NumberFormatException e) {
                    return DEFAULT_LIFETIME;
                }
            }
        }
        return DEFAULT_LIFETIME;
    }
}
