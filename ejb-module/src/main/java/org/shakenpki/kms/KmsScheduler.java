package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.shakenpki.config.NodeName;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SP-KMS's clockwork: every 15 seconds it runs due issuance attempts (first certificates, retries, renewals),
 * destroys keys whose grace period has passed and delivers pending notifications. The timer is persistent, so
 * in a cluster it fires on one node and moves when that node dies. {@link #runAt} takes the time as an
 * argument so tests can drive renewal with a clock of their own.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KmsScheduler {
    private static final Logger LOG = Logger.getLogger(KmsScheduler.class.getName());

    @EJB
    CredentialStore store;

    @EJB
    IssuanceWorker worker;

    @EJB
    NotificationSender notifications;

    @Inject
    KmsSettings settings;

    @Inject
    Clock clock;

    /** What one round did. */
    public record Round(int attempts, int keysDestroyed, int notificationsDelivered) {
    }

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = true, info = "sp-kms")
    public void tick() {
        if (!settings.enabled()) {
            return;
        }
        try {
            runAt(OffsetDateTime.now(clock));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SP-KMS round failed; the next round retries", e);
        }
    }

    /** One round as if it were {@code now}. */
    public Round runAt(OffsetDateTime now) {
        int attempts = attemptDue(now);
        int destroyed = store.destroyRetiredKeys(now);
        int delivered = notifications.deliverDue(now);
        if (attempts > 0 || destroyed > 0) {
            LOG.info(() -> "SP-KMS round on " + NodeName.current() + ": " + attempts + " issuance attempt(s), "
                    + destroyed + " retired key(s) destroyed");
        }
        return new Round(attempts, destroyed, delivered);
    }

    private int attemptDue(OffsetDateTime now) {
        int attempts = 0;
        for (long id : store.due(now)) {
            if (worker.attempt(id, now).isPresent()) {
                attempts++;
            }
        }
        return attempts;
    }
}
