package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An ACME account (RFC 8555 section 7.1.2), identified by its key's RFC 7638 thumbprint. */
@Entity
@Table(name = "acme_account")
public class AcmeAccount {
    @Id
    @Column(length = 40)
    String id;

    @Column(name = "key_thumbprint", nullable = false, length = 64)
    String keyThumbprint;

    @Column(nullable = false, length = 4000)
    String jwk;

    @Column(nullable = false, length = 20)
    String status;

    /** The contact URLs, one per line. */
    @Column(nullable = false, length = 2000)
    String contact;

    @Column(name = "tos_agreed", nullable = false)
    boolean tosAgreed;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    /** The {@link CaSubscriber} the account is bound to by External Account Binding, or null. */
    @Column(name = "subscriber_id", length = 40)
    String subscriberId;

    protected AcmeAccount() {
    }

    AcmeAccount(String id, String keyThumbprint, String jwk, String contact, boolean tosAgreed, OffsetDateTime createdAt) {
        this.id = id;
        this.keyThumbprint = keyThumbprint;
        this.jwk = jwk;
        this.status = AcmeStatus.VALID.wire();
        this.contact = contact;
        this.tosAgreed = tosAgreed;
        this.createdAt = createdAt;
    }

    void bindTo(String subscriberId) {
        this.subscriberId = subscriberId;
    }

    void updateContact(String contact) {
        this.contact = contact;
    }

    void deactivate() {
        this.status = AcmeStatus.DEACTIVATED.wire();
    }

    void changeKey(String keyThumbprint, String jwk) {
        this.keyThumbprint = keyThumbprint;
        this.jwk = jwk;
    }
}
