package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An ACME order (RFC 8555 section 7.1.3) for one TNAuthList identifier. */
@Entity
@Table(name = "acme_order")
public class AcmeOrder {
    @Id
    @Column(length = 40)
    String id;

    @Column(name = "account_id", nullable = false, length = 40)
    String accountId;

    @Column(nullable = false, length = 20)
    String status;

    /** The TNAuthList as the client wrote it: base64url DER (RFC 9448 section 3) or a deployed base64 variant. */
    @Column(nullable = false, length = 2000)
    String identifier;

    @Column(name = "not_before")
    OffsetDateTime notBefore;

    @Column(name = "not_after")
    OffsetDateTime notAfter;

    @Column(name = "expires_at", nullable = false)
    OffsetDateTime expiresAt;

    @Column(name = "error_type", length = 100)
    String errorType;

    @Column(name = "error_detail", length = 1000)
    String errorDetail;

    @Column(name = "certificate_id", length = 40)
    String certificateId;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    /** The ACME profile (draft-ietf-acme-profiles section 4): requested at newOrder, or chosen at issuance. */
    @Column(length = 64)
    String profile;

    /** The certID of the certificate this order replaces, as the client sent it (RFC 9773 section 5). */
    @Column(length = 200)
    String replaces;

    @Column(name = "replaces_certificate_id", length = 40)
    String replacesCertificateId;

    protected AcmeOrder() {
    }

    AcmeOrder(String id, String accountId, String identifier, OffsetDateTime notBefore, OffsetDateTime notAfter,
              OffsetDateTime expiresAt, OffsetDateTime createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.status = AcmeStatus.PENDING.wire();
        this.identifier = identifier;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    /** pending -> ready once its authorization is valid (RFC 8555 section 7.1.6). */
    void authorized() {
        if (AcmeStatus.PENDING.is(status)) {
            status = AcmeStatus.READY.wire();
        }
    }

    /** -> invalid with an error, unless the certificate was already issued. */
    void fail(String type, String detail) {
        if (!AcmeStatus.VALID.is(status)) {
            status = AcmeStatus.INVALID.wire();
            errorType = type;
            errorDetail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        }
    }

    /** The profile and the replaced certificate a newOrder asked for (either may be null). */
    void requested(String profile, String replaces, String replacesCertificateId) {
        this.profile = profile;
        this.replaces = replaces;
        this.replacesCertificateId = replacesCertificateId;
    }

    void issuedUnder(String profile) {
        this.profile = profile;
    }

    void issued(String certificateId) {
        this.status = AcmeStatus.VALID.wire();
        this.certificateId = certificateId;
    }
}
