package org.shakenpki.stir;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Writes the STI-VS's verification counts ({@link VerificationStatistics}) to the log once a minute when they
 * changed, so that an idle verifier does not repeat them. An EJB for its timer only; the verifications themselves
 * run in the CDI bean {@link VerificationService}.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VerificationStatisticsLog {
    private static final Logger LOG = Logger.getLogger(VerificationService.class.getName());
    /** The counts last written to the log. */
    private final AtomicReference<Map<String, Long>> logged = new AtomicReference<>(Map.of());

    @Inject
    VsSettings settings;

    @Inject
    VerificationStatistics statistics;

    @Schedule(minute = "*", hour = "*", persistent = false)
    public void logStatistics() {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Long> counts = statistics.snapshot();
        if (!counts.equals(logged.getAndSet(counts)) && counts.values().stream().anyMatch(n -> n > 0)) {
            LOG.info(() -> "STI-VS verifications since start: " + counts);
        }
    }
}
