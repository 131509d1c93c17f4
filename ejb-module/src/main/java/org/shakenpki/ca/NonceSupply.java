package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands out the nonces of {@code Replay-Nonce} headers (RFC 8555 section 6.5) from a per-node supply that
 * {@link NonceService} mints in batches, so that a response costs no database transaction of its own. Every
 * nonce handed out is already a row in the database, so any node accepts it and using it is still the single
 * atomic delete of {@link NonceService#consume}. A nonce is handed out within {@link #HAND_OUT_WITHIN} of its
 * minting, so it has most of its {@link NonceService#LIFETIME} left; older ones are dropped and expire unseen.
 * Minted but never handed out (a node stopped), a nonce is a random 128-bit value nobody knows, purged at expiry.
 */
@ApplicationScoped
public class NonceSupply {
    static final int BATCH = 20;
    static final Duration HAND_OUT_WITHIN = Duration.ofMinutes(10);

    private record Minted(String value, Instant at) {
    }

    @EJB
    NonceService nonces;

    @Inject
    Clock clock;

    private final Queue<Minted> supply = new ConcurrentLinkedQueue<>();

    /** A fresh nonce: never handed out before, stored, and valid on every node. */
    public String next() {
        Instant now = clock.instant();
        for (Minted minted = supply.poll(); minted != null; minted = supply.poll()) {
            if (minted.at().plus(HAND_OUT_WITHIN).isAfter(now)) {
                return minted.value();
            }
        }
        List<String> batch = nonces.mint(BATCH);
        for (String value : batch.subList(1, batch.size())) {
            supply.add(new Minted(value, now));
        }
        return batch.get(0);
    }
}
