package org.shakenpki.ca;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * ACME anti-replay nonces (RFC 8555 section 6.5): random, single use, expiring after an hour.
 *
 * <p>Each unused nonce is a database row, so any node of a cluster accepts a nonce another node issued, and
 * using one is an atomic delete: of two requests racing with the same nonce exactly one deletes the row.
 * Both operations commit on their own, so a request that fails later cannot bring its nonce back. Nonces are
 * minted in batches, one transaction for many, and handed out by {@link NonceSupply}: a transaction with one insert for
 * every response was a measurable part of each issuance (README, "Benchmarks").
 */
@Stateless
public class NonceService {
    static final Duration LIFETIME = Duration.ofHours(1);

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CaSettings settings;

    /** Stores {@code count} fresh nonces, each valid for {@link #LIFETIME} from now, for {@link NonceSupply}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> mint(int count) {
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(LIFETIME);
        List<String> minted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String nonce = Ids.random();
            em.persist(new AcmeNonce(nonce, expiresAt));
            minted.add(nonce);
        }
        return minted;
    }

    /** Uses a nonce: true exactly once for a nonce that was issued and has not expired. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean consume(String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > 64) {
            return false;
        }
        return em.createQuery("delete from AcmeNonce n where n.value = :value and n.expiresAt > :now")
                .setParameter("value", nonce)
                .setParameter("now", OffsetDateTime.now(clock))
                .executeUpdate() == 1;
    }

    /** Removes expired nonces. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    public void purge() {
        if (!settings.enabled()) {
            return;
        }
        em.createQuery("delete from AcmeNonce n where n.expiresAt <= :now")
                .setParameter("now", OffsetDateTime.now(clock))
                .executeUpdate();
    }
}
