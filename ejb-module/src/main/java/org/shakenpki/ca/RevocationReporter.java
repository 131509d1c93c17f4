package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Delivers due revocation reports every minute ({@link RevocationOutbox}). The timer runs on every node;
 * two nodes may report the same revocation twice, which the STI-PA treats as one (delivery is at least once).
 */
@Singleton
public class RevocationReporter {
    private static final Logger LOG = Logger.getLogger(RevocationReporter.class.getName());

    @EJB
    RevocationOutbox outbox;

    @Inject
    CaSettings settings;

    @Schedule(minute = "*", hour = "*", persistent = false)
    public void deliverDue() {
        if (!settings.enabled()) {
            return;
        }
        for (String id : outbox.due(20)) {
            if (!outbox.deliver(id)) {
                LOG.warning(() -> "revocation report " + id + " not accepted by the STI-PA yet; retried later");
            }
        }
    }
}
