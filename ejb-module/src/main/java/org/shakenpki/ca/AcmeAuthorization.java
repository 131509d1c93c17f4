package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An ACME authorization (RFC 8555 section 7.1.4) for a TNAuthList identifier with its single
 * {@code tkauth-01} challenge (RFC 9448 section 4), and what the validated token said ({@code ca}, {@code jti}).
 */
@Entity
@Table(name = "acme_authorization")
public class AcmeAuthorization {
    @Id
    @Column(length = 40)
    String id;

    @Column(name = "order_id", nullable = false, length = 40)
    String orderId;

    @Column(name = "account_id", nullable = false, length = 40)
    String accountId;

    @Column(nullable = false, length = 2000)
    String identifier;

    @Column(nullable = false, length = 20)
    String status;

    @Column(name = "expires_at", nullable = false)
    OffsetDateTime expiresAt;

    @Column(name = "challenge_id", nullable = false, length = 40)
    String challengeId;

    @Column(name = "challenge_token", nullable = false, length = 64)
    String challengeToken;

    @Column(name = "challenge_status", nullable = false, length = 20)
    String challengeStatus;

    @Column(name = "validated_at")
    OffsetDateTime validatedAt;

    @Column(name = "error_type", length = 100)
    String errorType;

    @Column(name = "error_detail", length = 1000)
    String errorDetail;

    @Column(name = "token_ca", nullable = false)
    boolean tokenCa;

    @Column(name = "token_jti", length = 200)
    String tokenJti;

    protected AcmeAuthorization() {
    }

    AcmeAuthorization(String id, AcmeOrder order, String challengeId, String challengeToken) {
        this.id = id;
        this.orderId = order.id;
        this.accountId = order.accountId;
        this.identifier = order.identifier;
        this.status = AcmeStatus.PENDING.wire();
        this.expiresAt = order.expiresAt;
        this.challengeId = challengeId;
        this.challengeToken = challengeToken;
        this.challengeStatus = AcmeStatus.PENDING.wire();
    }

    void validated(OffsetDateTime at, boolean ca, String jti) {
        challengeStatus = AcmeStatus.VALID.wire();
        status = AcmeStatus.VALID.wire();
        validatedAt = at;
        tokenCa = ca;
        tokenJti = jti;
    }

    void invalid(String type, String detail) {
        challengeStatus = AcmeStatus.INVALID.wire();
        status = AcmeStatus.INVALID.wire();
        errorType = type;
        errorDetail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    }

    void deactivate() {
        status = AcmeStatus.DEACTIVATED.wire();
    }

    void expire() {
        status = AcmeStatus.EXPIRED.wire();
    }
}
