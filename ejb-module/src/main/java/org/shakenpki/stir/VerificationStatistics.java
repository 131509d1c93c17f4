package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of this node's verifications since start, by verstat and by {@link Failure}: what the STI-VS keeps
 * instead of a database record per call (see {@link VerificationService}). Lock-free; read as a snapshot.
 */
@ApplicationScoped
public class VerificationStatistics {
    private final Map<Verstat, LongAdder> byVerstat = new EnumMap<>(Verstat.class);
    private final Map<Failure, LongAdder> byFailure = new EnumMap<>(Failure.class);

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
    }

    /** The verifications so far by verstat value, then by failure code, for logs and monitoring. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        byVerstat.forEach((verstat, n) -> counts.put(verstat.value(), n.sum()));
        byFailure.forEach((failure, n) -> counts.put(failure.code(), n.sum()));
        return counts;
    }
}
