package org.shakenpki.ca;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An unused ACME nonce (RFC 8555 section 6.5); the row is deleted when the nonce is used.
 *
 * <p>Not in the shared cache: a nonce is written once and then only deleted by a bulk query, so a cached copy is
 * never read, and every bulk delete had EclipseLink walk the cached nonces to invalidate the used one.
 */
@Entity
@Cacheable(false)
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
