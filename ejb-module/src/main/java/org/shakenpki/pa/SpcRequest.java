package org.shakenpki.pa;

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
 * A service provider's request for an additional SPC (ATIS-1000080 section 5.1: the STI-PA decides which SP holds
 * which SPC), pending until an STI-PA administrator approves or rejects it ({@link SpcRequests}).
 */
@Entity
@Table(name = "pa_spc_request")
public class SpcRequest {

    /** Where a request stands. */
    public enum State { PENDING, APPROVED, REJECTED }

    @Id
    @SequenceGenerator(name = "pa_seq", sequenceName = "pa_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pa_seq")
    private long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private String accountId;

    @Column(nullable = false, updatable = false)
    private String spc;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "decision_note")
    private String decisionNote;

    protected SpcRequest() {
    }

    SpcRequest(String accountId, String spc, String reason, String requestedBy, OffsetDateTime requestedAt) {
        this.accountId = accountId;
        this.spc = spc;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.state = State.PENDING;
    }

    public long id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public String spc() {
        return spc;
    }

    public String reason() {
        return reason;
    }

    public State state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public OffsetDateTime requestedAt() {
        return requestedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public String decisionNote() {
        return decisionNote;
    }

    void decide(State decision, String by, OffsetDateTime at, String note) {
        this.state = decision;
        this.decidedBy = by;
        this.decidedAt = at;
        this.decisionNote = note;
    }
}
