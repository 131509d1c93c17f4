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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SP-KMS's clockwork: every 15 seconds it checks the STI-PA CRL when its interval has passed
 * ({@link CrlWatcher}) and the STI-CA's renewal information where it is due ({@link AriWatcher}), runs due issuance attempts (first certificates, retries, renewals, replacements of revoked ones),
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

    @EJB
    CrlWatcher crlWatch;

    @EJB
    AriWatcher ariWatch;

    @Inject
    KmsSettings settings;

    @Inject
    Clock clock;

    /** What one round did; {@code crlListed}: managed certificates the STI-PA CRL newly listed. */
    public record Round(int crlListed, int attempts, int keysDestroyed, int notificationsDelivered) {
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
        // first, so that a certificate the CRL lists is replaced by this very round's attempts
        int listed = checkCrl(now);
        checkAri(now);
        List<String> attempted = attemptDue(now);
        int attempts = attempted.size();
        int destroyed = store.destroyRetiredKeys(now);
        int delivered = notifications.deliverDue(now);
        if (attempts > 0 || destroyed > 0) {
            // the SPCs are named so that an operator (and the cluster test) can tell which round renewed what
            LOG.info(() -> "SP-KMS round on " + NodeName.current() + ": " + attempts + " issuance attempt(s)"
                    + (attempted.isEmpty() ? "" : " (SPC " + String.join(", ", attempted) + ")") + ", "
                    + destroyed + " retired key(s) destroyed");
        }
        return new Round(listed, attempts, destroyed, delivered);
    }

    private int checkCrl(OffsetDateTime now) {
        try {
            return crlWatch.checkIfDue(now);
        } catch (RuntimeException e) {
            // the watch must not stop renewals and notifications
            LOG.log(Level.WARNING, "SP-KMS CRL check failed; the next round retries", e);
            return 0;
        }
    }

    private void checkAri(OffsetDateTime now) {
        try {
            ariWatch.checkDue(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SP-KMS renewal information check failed; the next round retries", e);
        }
    }

    /** The SPCs of the due credentials this round attempted (another node may have claimed some). */
    private List<String> attemptDue(OffsetDateTime now) {
        List<String> attempted = new ArrayList<>();
        for (long id : store.due(now)) {
            worker.attempt(id, now).ifPresent(credential -> attempted.add(credential.spc()));
        }
        return attempted;
    }
}
