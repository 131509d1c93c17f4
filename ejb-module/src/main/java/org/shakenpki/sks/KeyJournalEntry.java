package org.shakenpki.sks;

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

/** One outstanding key change on a token; see {@link KeyJournal}. */
@Entity
@Table(name = "sks_key_journal")
public class KeyJournalEntry {

    /** What the entry stands for. */
    public enum Operation {
        /** A key is being generated; the transaction that keeps it deletes this entry. */
        CREATE,
        /** A committed deletion; the entry stays until the key is gone from the token. */
        DESTROY
    }

    @Id
    @SequenceGenerator(name = "sks_key_journal_seq", sequenceName = "sks_key_journal_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sks_key_journal_seq")
    private long id;

    @Column(nullable = false, updatable = false, length = 20)
    private String role;

    @Column(nullable = false, updatable = false, length = 200)
    private String alias;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 10)
    private Operation operation;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected KeyJournalEntry() {
        // for JPA
    }

    KeyJournalEntry(String role, String alias, Operation operation, OffsetDateTime recordedAt) {
        this.role = role;
        this.alias = alias;
        this.operation = operation;
        this.recordedAt = recordedAt;
    }

    public long id() {
        return id;
    }

    public String role() {
        return role;
    }

    public String alias() {
        return alias;
    }

    public Operation operation() {
        return operation;
    }

    public OffsetDateTime recordedAt() {
        return recordedAt;
    }
}
