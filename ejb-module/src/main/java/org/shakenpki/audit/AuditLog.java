package org.shakenpki.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only audit log that every role writes to (ATIS-1000080 section 5: every certificate-management
 * action must be traceable): who, what, on which subject, when, with what outcome. The records are chained
 * into a tamper-evident log after they commit ({@link AuditSealer}, {@link AuditChain}).
 *
 * <p>{@link #record} joins the caller's transaction, so an action and its record commit or roll back
 * together. {@link #recordIndependently} commits on its own, for refusals and failures whose business
 * transaction is rolled back but which must still be on record.
 */
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records an action inside the current transaction. The record is inserted unsealed; the
     * {@link AuditSealer} chains it once the transaction has committed (see the package documentation).
     */
    public void record(String actor, String action, String subject, Outcome outcome, String detail) {
        // Microseconds: what H2 and PostgreSQL keep, so the chain hash covers exactly the stored time.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        em.persist(new AuditRecord(now, bounded(actor, 200), bounded(action, 100),
                bounded(subject, 500), outcome, bounded(detail, AuditRecord.DETAIL_LENGTH)));
    }

    /** Records an action in a transaction of its own, which commits even if the caller's rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(String actor, String action, String subject, Outcome outcome, String detail) {
        record(actor, action, subject, outcome, detail);
    }

    /** The records about one subject, oldest first. */
    public List<AuditRecord> forSubject(String subject) {
        return em.createQuery("select r from AuditRecord r where r.subject = :subject order by r.id", AuditRecord.class)
                .setParameter("subject", subject)
                .getResultList();
    }

    /** The newest records, newest first. */
    public List<AuditRecord> latest(int limit) {
        return em.createQuery("select r from AuditRecord r order by r.id desc", AuditRecord.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The newest records, newest first, of one subject or (subject {@code null}) of all. */
    public List<AuditRecord> latest(String subject, int limit) {
        if (subject == null) {
            return latest(limit);
        }
        return em.createQuery("select r from AuditRecord r where r.subject = :subject order by r.id desc", AuditRecord.class)
                .setParameter("subject", subject)
                .setMaxResults(limit)
                .getResultList();
    }

    private static String bounded(String value, int length) {
        String text = value == null ? "" : value;
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
