package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A notification to the signing service that a credential has a new certificate (seed step 16), kept until
 * the webhook accepts it: written in the transaction that stores the certificate, so none is lost.
 */
@Entity
@Table(name = "kms_notification")
public class Notification {
    @Id
    @SequenceGenerator(name = "kms_seq", sequenceName = "kms_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kms_seq")
    private long id;

    @Column(name = "credential_id", nullable = false, updatable = false)
    private long credentialId;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;

    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;

    @Column(name = "last_error")
    private String lastError;

    protected Notification() {
    }

    Notification(long credentialId, String payload, OffsetDateTime now) {
        this.credentialId = credentialId;
        this.payload = payload;
        this.nextAttemptAt = now;
    }

    public long id() {
        return id;
    }

    public long credentialId() {
        return credentialId;
    }

    public String payload() {
        return payload;
    }

    public int attempts() {
        return attempts;
    }

    public OffsetDateTime deliveredAt() {
        return deliveredAt;
    }

    public String lastError() {
        return lastError;
    }

    void delivered(OffsetDateTime now) {
        this.deliveredAt = now;
        this.lastError = null;
    }

    void failed(String error, OffsetDateTime nextAttempt) {
        this.attempts++;
        this.lastError = error;
        this.nextAttemptAt = nextAttempt;
    }
}
