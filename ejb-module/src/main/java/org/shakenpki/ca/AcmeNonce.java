package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An unused ACME nonce (RFC 8555 section 6.5); the row is deleted when the nonce is used. */
@Entity
@Table(name = "acme_nonce")
public class AcmeNonce {
    @Id
    @Column(name = "nonce_value", length = 64)
    String value;

    @Column(name = "expires_at", nullable = false)
    OffsetDateTime expiresAt;

    protected AcmeNonce() {
    }

    AcmeNonce(String value, OffsetDateTime expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }
}
