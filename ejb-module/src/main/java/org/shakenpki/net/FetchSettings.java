package org.shakenpki.net;

import java.time.Duration;
import java.util.Optional;

/**
 * How the {@link Fetcher} fetches ({@code shakenpki.fetch.*} and {@code shakenpki.tls.trust-pem}).
 *
 * @param timeout      the deadline of one whole fetch: name lookup, connect, TLS, headers and body
 * @param failureCache how long a failed GET of a URL is answered from memory, without asking the server again
 * @param addresses    which special-purpose addresses may be connected to
 * @param trustPem     a PEM file of extra TLS trust anchors besides the JDK's ({@link PemTrust})
 */
public record FetchSettings(Duration timeout, Duration failureCache, AddressPolicy addresses, Optional<String> trustPem) {
    /** Connecting alone may take at most this long (and never longer than the whole deadline). */
    static final Duration LONGEST_CONNECT = Duration.ofSeconds(5);

    public FetchSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("shakenpki.fetch.timeout must be positive");
        }
        if (failureCache.isNegative()) {
            throw new IllegalArgumentException("shakenpki.fetch.failure-cache must not be negative");
        }
    }

    Duration connectTimeout() {
        return timeout.compareTo(LONGEST_CONNECT) < 0 ? timeout : LONGEST_CONNECT;
    }
}
