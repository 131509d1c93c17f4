package org.shakenpki.sks;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out what the {@link KeyJournal} says is outstanding: destroys keys whose creating transaction never
 * committed (its node died before it could compensate) and finishes committed deletions a dead node did not
 * carry out. Runs every minute on every node, for the roles whose tokens the node holds; the steps are
 * idempotent (destroy if present, then remove the entry), so two nodes sweeping at once do no harm.
 *
 * <p>A creation counts as abandoned once it is older than {@code shakenpki.sks.abandoned-key-after} (15 minutes):
 * this must exceed the longest transaction that creates a key, which in this application is a few seconds.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyJournalSweeper {
    private static final Logger LOG = Logger.getLogger(KeyJournalSweeper.class.getName());

    @EJB
    KeyJournal journal;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "shakenpki.sks.abandoned-key-after", defaultValue = "PT15M")
    Duration abandonedAfter;

    @Schedule(hour = "*", minute = "*", second = "40", persistent = false, info = "sks-key-journal")
    void onSchedule() {
        try {
            sweepAt(OffsetDateTime.now(clock));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping the key journal failed; the next minute retries", e);
        }
    }

    /**
     * One sweep as if it were {@code now}.
     *
     * @return how many keys it destroyed
     */
    public int sweepAt(OffsetDateTime now) {
        int destroyed = 0;
        for (KeyJournalEntry entry : journal.outstanding(now.minus(abandonedAfter))) {
            KeyStoreToken token;
            try {
                token = keyStore.token(entry.role());
            } catch (ProblemException e) {
                continue; // not this node's token, or not reachable now: another node or the next sweep
            }
            // a key pair is found by its public key; an imported MAC key has none
            boolean present = token.findKey(entry.alias()).isPresent()
                    || (token instanceof MacKeys macKeys && macKeys.holdsMacKey(entry.alias()));
            if (present) {
                token.deleteKey(entry.alias());
            }
            if (journal.remove(entry.id()) && present) {
                destroyed++;
                boolean abandoned = entry.operation() == KeyJournalEntry.Operation.CREATE;
                LOG.warning(() -> (abandoned ? "destroyed abandoned key " : "finished deleting key ") + entry.role() + ":" + entry.alias());
                audit.recordIndependently("sks", abandoned ? "sks.key.abandoned" : "sks.key.delete", entry.role() + ":" + entry.alias(),
                        Outcome.SUCCESS, abandoned
                                ? "destroyed: generated at " + entry.recordedAt() + " by a transaction that never committed"
                                : "destroyed after a restart: the deletion committed at " + entry.recordedAt());
            }
        }
        return destroyed;
    }
}
