package org.shakenpki.kms;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What this node's last check of the STI-PA CRL found ({@link CrlWatcher}), for the health check and for
 * spacing the checks ({@code shakenpki.kms.crl-check-interval}). Per node: a node that takes the SP-KMS timer
 * over checks at its first round.
 */
@ApplicationScoped
public class CrlWatchStatus {
    /** The last check: when (the round's time), whether the CRL verified, and if not, why. */
    public record Last(OffsetDateTime at, boolean verified, String warning, int listed) {
    }

    private volatile Last last;

    public Optional<Last> last() {
        return Optional.ofNullable(last);
    }

    void record(Last checked) {
        this.last = checked;
    }

    /** Whether a round at {@code now} should check (never checked, or the interval has passed, or time went back). */
    boolean due(OffsetDateTime now, java.time.Duration interval) {
        Last current = last;
        return current == null || !now.isBefore(current.at().plus(interval)) || now.isBefore(current.at());
    }
}
