package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of this node's verifications since start, by verstat and by {@link Failure}: what the STI-VS keeps
 * instead of a database record per call (see {@link VerificationService}). The totals are lock-free; the counts of
 * the last hour and day ({@link #recent}, for the STI-VS console page) are kept in one-minute buckets
 * ({@link RecentCounts}).
 */
@ApplicationScoped
public class VerificationStatistics {
    private final Map<Verstat, LongAdder> byVerstat = new EnumMap<>(Verstat.class);
    private final Map<Failure, LongAdder> byFailure = new EnumMap<>(Failure.class);
    private final RecentCounts recent = new RecentCounts(Verstat.values().length + Failure.values().length);

    @Inject
    Clock clock;

    /** Counts of one window: by verstat value and by failure code, every kind listed (zero included), in enum order. */
    public record Window(Duration length, Map<String, Long> byVerstat, Map<String, Long> byFailure) {
    }

    public VerificationStatistics() {
        for (Verstat verstat : Verstat.values()) {
            byVerstat.put(verstat, new LongAdder());
        }
        for (Failure failure : Failure.values()) {
            byFailure.put(failure, new LongAdder());
        }
    }

    /** Counts one verification. */
    void count(VerificationResult result) {
        byVerstat.get(result.verstat()).increment();
        if (result.failure() != null) {
            byFailure.get(result.failure()).increment();
        }
        java.time.Instant now = now();
        recent.count(result.verstat().ordinal(), now);
        if (result.failure() != null) {
            recent.count(Verstat.values().length + result.failure().ordinal(), now);
        }
    }

    /** The verifications of this node in the last {@code window} (whole minutes, at most a day). */
    public Window recent(Duration window) {
        long[] counts = recent.within(window, now());
        Map<String, Long> verstats = new java.util.LinkedHashMap<>();
        for (Verstat verstat : Verstat.values()) {
            verstats.put(verstat.value(), counts[verstat.ordinal()]);
        }
        Map<String, Long> failures = new java.util.LinkedHashMap<>();
        for (Failure failure : Failure.values()) {
            failures.put(failure.code(), counts[Verstat.values().length + failure.ordinal()]);
        }
        return new Window(window, verstats, failures);
    }

    private java.time.Instant now() {
        return (clock == null ? Clock.systemUTC() : clock).instant();
    }

    /** The verifications so far by verstat value, then by failure code, for logs and monitoring. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        byVerstat.forEach((verstat, n) -> counts.put(verstat.value(), n.sum()));
        byFailure.forEach((failure, n) -> counts.put(failure.code(), n.sum()));
        return counts;
    }
}
