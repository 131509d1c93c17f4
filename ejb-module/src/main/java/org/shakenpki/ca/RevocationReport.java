package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The outbox row of one revocation to report to the STI-PA revocation API; it stays pending, with its attempt
 * count and the next attempt's time, until the STI-PA has accepted it.
 */
@Entity
@Table(name = "ca_revocation_report")
public class RevocationReport {
    @Id
    @Column(length = 40)
    String id;

    @Column(name = "certificate_id", nullable = false, length = 40)
    String certificateId;

    @Column(name = "certificate_pem", nullable = false, length = 8000)
    String certificatePem;

    /** The RFC 5280 reason name, e.g. {@code keyCompromise}. */
    @Column(nullable = false, length = 40)
    String reason;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    OffsetDateTime nextAttemptAt;

    @Column(name = "delivered_at")
    OffsetDateTime deliveredAt;

    @Column(name = "last_error", length = 1000)
    String lastError;

    protected RevocationReport() {
    }

    /** A report of {@code certificate}, sent as {@code chainPem}: the certificate first, then its intermediate. */
    RevocationReport(String id, IssuedCertificate certificate, String chainPem, String reason, OffsetDateTime now) {
        this.id = id;
        this.certificateId = certificate.id;
        this.certificatePem = chainPem;
        this.reason = reason;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public String id() {
        return id;
    }

    public String certificateId() {
        return certificateId;
    }

    public String reason() {
        return reason;
    }

    public int attempts() {
        return attempts;
    }

    public OffsetDateTime nextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime deliveredAt() {
        return deliveredAt;
    }

    public String lastError() {
        return lastError;
    }

    void delivered(OffsetDateTime at) {
        attempts++;
        deliveredAt = at;
        lastError = null;
    }

    void failed(OffsetDateTime next, String error) {
        attempts++;
        nextAttemptAt = next;
        lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
