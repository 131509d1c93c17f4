package org.shakenpki.kms;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.config.Backoff;
import org.shakenpki.net.FetchFailure;
import org.shakenpki.net.Fetcher;
import org.shakenpki.net.WebhookSignature;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Delivers "new certificate" notifications to the signing service's webhook ({@code shakenpki.kms.notify-url}),
 * retrying with backoff until it answers 2xx. Each POST carries the JSON payload and
 * {@code X-Shaken-Pki-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">} ({@link WebhookSignature}) made
 * with the shared secret of {@code shakenpki.kms.notify-secret-file}, so the receiver can check origin and freshness.
 * Without a webhook configured, notifications are marked delivered: the in-process event already told the
 * STI-AS of this deployment.
 */
@Stateless
public class NotificationSender {
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KmsSettings settings;

    @Inject
    Fetcher http;

    /** Sends every notification that is due; returns how many were delivered. */
    public int deliverDue(OffsetDateTime now) {
        List<Long> due = em.createQuery("select n.id from Notification n where n.deliveredAt is null "
                + "and n.nextAttemptAt <= :now order by n.id", Long.class)
                .setParameter("now", now).setMaxResults(50).getResultList();
        int delivered = 0;
        for (long id : due) {
            // the row lock makes one node deliver it; the re-check skips what another node just delivered
            Notification notification = em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (notification.deliveredAt() != null) {
                continue;
            }
            String error = send(notification.payload());
            if (error == null) {
                notification.delivered(OffsetDateTime.now(clock));
                delivered++;
            } else {
                notification.failed(error, now.plus(Backoff.delay(FIRST_RETRY, notification.attempts(), LONGEST_RETRY)));
            }
        }
        return delivered;
    }

    public List<Notification> forCredential(long credentialId) {
        return em.createQuery("select n from Notification n where n.credentialId = :id order by n.id", Notification.class)
                .setParameter("id", credentialId).getResultList();
    }

    /** Null when delivered, else why not. */
    private String send(String payload) {
        if (settings.notifyUrl().isEmpty()) {
            return null;
        }
        try {
            String signature = WebhookSignature.sign(settings.notifySecret().orElse(""), clock.instant(), payload);
            Fetcher.Fetched response = http.postJson(URI.create(settings.notifyUrl().get()),
                    Map.of(WebhookSignature.HEADER, signature), payload, 4096);
            return response.status() / 100 == 2 ? null : "webhook answered HTTP " + response.status();
        } catch (FetchFailure e) {
            return "webhook unreachable (" + e.reason() + "): " + e.getMessage();
        } catch (RuntimeException e) {
            return "webhook unreachable: " + e.getMessage();
        }
    }
}
