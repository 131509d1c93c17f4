package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A user of the STI-PA API: an administrator, an SP API user bound to one account, or an STI-CA client.
 * The password is kept only as a slow salted hash ({@link Passwords}); failed logins drive the throttle.
 */
@Entity
@Table(name = "pa_user")
public class PaUser {
    @Id
    @Column(name = "user_id")
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UserRole role;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private OffsetDateTime lockedUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected PaUser() {
    }

    PaUser(String userId, UserRole role, String accountId, String passwordHash, OffsetDateTime createdAt) {
        this.userId = userId;
        this.role = role;
        this.accountId = accountId;
        this.passwordHash = passwordHash;
        this.active = true;
        this.createdAt = createdAt;
    }

    public String userId() {
        return userId;
    }

    public UserRole role() {
        return role;
    }

    /** The account of an SP API user; null for administrators and STI-CA clients. */
    public String accountId() {
        return accountId;
    }

    String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    int failedLogins() {
        return failedLogins;
    }

    OffsetDateTime lockedUntil() {
        return lockedUntil;
    }

    void setActive(boolean active) {
        this.active = active;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void loginFailed(OffsetDateTime lockedUntil) {
        this.failedLogins++;
        this.lockedUntil = lockedUntil;
    }

    void loginSucceeded() {
        this.failedLogins = 0;
        this.lockedUntil = null;
    }
}
