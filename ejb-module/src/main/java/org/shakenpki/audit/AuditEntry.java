package org.shakenpki.audit;

import java.time.OffsetDateTime;

/**
 * A read-only view of one audit record, what the audit API renders: a value, not the {@link AuditRecord} entity,
 * so that nothing outside the audit log holds a row it could change or that the sealer changes under it.
 *
 * @param chainSeq  the record's position in the hash chain, null until the sealer reached it
 * @param chainHash the chain hash up to and including it, null until then
 * @param requestId the correlation id of the request that wrote it ({@code X-Request-Id}), null for timers and
 *                  records older than the column
 */
public record AuditEntry(long id, Long chainSeq, String chainHash, OffsetDateTime occurredAt, String actor,
                         String action, String subject, Outcome outcome, String detail, String requestId) {

    /** The view of a record as read now. */
    public static AuditEntry of(AuditRecord record) {
        return new AuditEntry(record.id(), record.chainSeq(), record.chainHash(), record.occurredAt(), record.actor(),
                record.action(), record.subject(), record.outcome(), record.detail(), record.requestId());
    }
}
