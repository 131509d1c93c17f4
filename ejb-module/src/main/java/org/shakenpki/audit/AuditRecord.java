package org.shakenpki.audit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One entry of the append-only audit log: who did what to which subject, when, and how it ended.
 * Rows are inserted and never changed, except that the {@link AuditSealer} writes the chain position and
 * chain hash once, after the record has committed; see the package documentation.
 *
 * <p>Not in the shared cache: the sealer and the verifier must see what the database holds, on every node.
 */
@Entity
@Cacheable(false)
@Table(name = "audit_log")
public class AuditRecord {
    static final int DETAIL_LENGTH = 2000;

    @Id
    @SequenceGenerator(name = "audit_seq", sequenceName = "audit_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_seq")
    private long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false, updatable = false, length = 200)
    private String actor;

    @Column(nullable = false, updatable = false, length = 100)
    private String action;

    @Column(nullable = false, updatable = false, length = 500)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 20)
    private Outcome outcome;

    @Column(nullable = false, updatable = false, length = DETAIL_LENGTH)
    private String detail;

    @Column(name = "chain_seq")
    private Long chainSeq;

    @Column(name = "chain_hash", length = 64)
    private String chainHash;

    /** The correlation id of the request that wrote it (V10_7); not covered by the chain hash. */
    @Column(name = "request_id", updatable = false, length = 64)
    private String requestId;

    protected AuditRecord() {
        // for JPA
    }

    AuditRecord(OffsetDateTime occurredAt, String actor, String action, String subject, Outcome outcome, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.outcome = outcome;
        this.detail = detail;
        this.requestId = org.shakenpki.requestid.RequestId.current();
    }

    /** The correlation id ({@code X-Request-Id}) of the request that wrote this record, or null. */
    public String requestId() {
        return requestId;
    }

    public long id() {
        return id;
    }

    public OffsetDateTime occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String subject() {
        return subject;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    /** The position in the audit chain, or {@code null} while the record is not sealed yet. */
    public Long chainSeq() {
        return chainSeq;
    }

    /** The chain hash (lowercase hex), or {@code null} while the record is not sealed yet. */
    public String chainHash() {
        return chainHash;
    }

    /** The fields the chain hash covers, at position {@code seq}. */
    ChainEntry entry(long seq) {
        return new ChainEntry(seq, id, occurredAt.toInstant(), actor, action, subject, outcome.name(), detail, chainHash);
    }

    void seal(long seq, String hash) {
        if (chainSeq != null) {
            throw new IllegalStateException("audit record " + id + " is already sealed at " + chainSeq);
        }
        chainSeq = seq;
        chainHash = hash;
    }
}
