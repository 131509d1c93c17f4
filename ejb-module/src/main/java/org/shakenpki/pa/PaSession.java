package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A login: the hashes of its access and refresh tokens and their expiry. Kept in the database so that any
 * node of a cluster accepts a token another node issued.
 */
@Entity
@Table(name = "pa_session")
public class PaSession {
    @Id
    @SequenceGenerator(name = "pa_seq", sequenceName = "pa_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pa_seq")
    private long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "access_hash", nullable = false)
    private String accessHash;

    @Column(name = "refresh_hash", nullable = false)
    private String refreshHash;

    @Column(name = "access_expires_at", nullable = false)
    private OffsetDateTime accessExpiresAt;

    @Column(name = "refresh_expires_at", nullable = false)
    private OffsetDateTime refreshExpiresAt;

    @Column(nullable = false)
    private boolean revoked;

    protected PaSession() {
    }

    PaSession(String userId, String accessHash, OffsetDateTime accessExpiresAt, String refreshHash,
              OffsetDateTime refreshExpiresAt) {
        this.userId = userId;
        this.accessHash = accessHash;
        this.accessExpiresAt = accessExpiresAt;
        this.refreshHash = refreshHash;
        this.refreshExpiresAt = refreshExpiresAt;
    }

    String userId() {
        return userId;
    }

    OffsetDateTime accessExpiresAt() {
        return accessExpiresAt;
    }

    OffsetDateTime refreshExpiresAt() {
        return refreshExpiresAt;
    }

    boolean revoked() {
        return revoked;
    }

    void revoke() {
        this.revoked = true;
    }

    /** Rotates both tokens (a refresh token is good for one refresh). */
    void renew(String accessHash, OffsetDateTime accessExpiresAt, String refreshHash, OffsetDateTime refreshExpiresAt) {
        this.accessHash = accessHash;
        this.accessExpiresAt = accessExpiresAt;
        this.refreshHash = refreshHash;
        this.refreshExpiresAt = refreshExpiresAt;
    }
}
