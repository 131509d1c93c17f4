package org.shakenpki.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The append-only audit log that every role writes to (ATIS-1000080 section 5: every certificate-management
 * action must be traceable): who, what, on which subject, when, with what outcome.
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

    /** Records an action inside the current transaction. */
    public void record(String actor, String action, String subject, Outcome outcome, String detail) {
        em.persist(new AuditRecord(OffsetDateTime.now(clock), bounded(actor, 200), bounded(action, 100),
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

    private static String bounded(String value, int length) {
        String text = value == null ? "" : value;
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
