package org.shakenpki.audit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The single row naming the last sealed position of the audit chain and its hash. Every sealer locks it
 * ({@code SELECT ... FOR UPDATE}) for the length of its transaction, which is what serialises sealers across
 * the nodes of a cluster; it is read without a lock by the verifier.
 */
@Entity
@Table(name = "audit_chain_head")
@Cacheable(false)
public class AuditChainHead {
    static final int ID = 1;

    @Id
    private int id;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false, length = 64)
    private String hash;

    @Column(name = "sealed_at")
    private OffsetDateTime sealedAt;

    protected AuditChainHead() {
        // for JPA
    }

    long seq() {
        return seq;
    }

    String hash() {
        return hash;
    }

    void advance(long newSeq, String newHash, OffsetDateTime at) {
        seq = newSeq;
        hash = newHash;
        sealedAt = at;
    }
}
