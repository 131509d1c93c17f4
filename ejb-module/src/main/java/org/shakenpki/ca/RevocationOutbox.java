package org.shakenpki.ca;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.config.Backoff;
import org.shakenpki.stipa.StiPaClients;
import org.shakenpki.stipa.StiPaFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reports revocations to the STI-PA (ATIS-1000080 section 6.3.6: the STI-PA publishes the CRL) through its
 * revocation API ({@link org.shakenpki.stipa.StiPaClient#reportRevocation}: the certificate and the RFC 5280
 * reason name, logged in as {@code shakenpki.ca.sti-pa.user-id}). Each revocation is an outbox row written with the revocation itself; a failed
 * delivery is retried with a growing delay (1, 2, 4 ... minutes, at most an hour) until the STI-PA accepts it.
 */
@Stateless
public class RevocationOutbox {
    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    StiPaClients stiPa;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    /**
     * Queues a revocation report, in the revocation's transaction. The report carries the certificate with its
     * chain as the STI-CR serves it: the STI-PA validates the path to this STI-CA's root before it revokes.
     */
    public RevocationReport record(IssuedCertificate certificate, String chainPem, String reason) {
        RevocationReport report = new RevocationReport(Ids.random(), certificate, chainPem, reason, OffsetDateTime.now(clock));
        em.persist(report);
        return report;
    }

    /** The ids of reports due for delivery. */
    public List<String> due(int limit) {
        return em.createQuery("select r.id from RevocationReport r where r.deliveredAt is null and r.nextAttemptAt <= :now"
                        + " order by r.nextAttemptAt", String.class)
                .setParameter("now", OffsetDateTime.now(clock)).setMaxResults(limit).getResultList();
    }

    /** The reports about one certificate. */
    public List<RevocationReport> forCertificate(String certificateId) {
        return em.createQuery("select r from RevocationReport r where r.certificateId = :c", RevocationReport.class)
                .setParameter("c", certificateId).getResultList();
    }

    /** One delivery attempt, committed on its own whatever its outcome. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliver(String id) {
        RevocationReport report = em.find(RevocationReport.class, id);
        if (report == null || report.deliveredAt != null) {
            return true;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            stiPa.client(settings.stiPa()).reportRevocation(report.certificatePem, report.reason);
            report.delivered(now);
            return true;
        } catch (StiPaFailure e) {
            retryLater(report, now, e.forOperator());
            return false;
        } catch (RuntimeException e) {
            retryLater(report, now, String.valueOf(e.getMessage()));
            return false;
        }
    }

    private static void retryLater(RevocationReport report, OffsetDateTime now, String why) {
        // 1, 2, 4 ... 32, then every 60 minutes
        report.failed(now.plus(Backoff.delay(Duration.ofMinutes(1), report.attempts, Duration.ofMinutes(60))), why);
    }
}
