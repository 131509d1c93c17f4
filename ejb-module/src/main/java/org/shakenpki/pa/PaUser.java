package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A user of the STI-PA API: an administrator, an SP API user bound to one account, an STI-CA client bound to
 * one trust-list root, or a verifier. The password is kept only as a slow salted hash ({@link Passwords}).
 * A user whose password the STI-PA generated ({@link #secretGenerated()}) is a service user: it is never
 * locked out by failed logins ({@link LoginThrottle}).
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

    @Column(name = "ca_fingerprint")
    private String caFingerprint;

    @Column(name = "secret_generated", nullable = false)
    private boolean secretGenerated;

    @Column(name = "totp_secret")
    private String totpSecret;

    @Column(name = "totp_last_step", nullable = false)
    private long totpLastStep;

    protected PaUser() {
    }

    PaUser(String userId, UserRole role, String accountId, String passwordHash, boolean secretGenerated,
           OffsetDateTime createdAt) {
        this.userId = userId;
        this.role = role;
        this.accountId = accountId;
        this.passwordHash = passwordHash;
        this.secretGenerated = secretGenerated;
        this.active = true;
        this.createdAt = createdAt;
    }

    public String userId() {
        return userId;
    }

    public UserRole role() {
        return role;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** Whether the user belongs to one service-provider account (SP_API, SP_ADMIN). */
    public boolean ofAccount() {
        return role == UserRole.SP_API || role == UserRole.SP_ADMIN;
    }

    /** The account of an SP API user or SP administrator; null for STI-PA administrators and STI-CA clients. */
    public String accountId() {
        return accountId;
    }

    /** The SHA-256 fingerprint (hex) of the trust-list root an STI_CA user is bound to; null if unbound. */
    public String caFingerprint() {
        return caFingerprint;
    }

    /** Whether the password is a generated random secret (a service user), not one a person chose. */
    public boolean secretGenerated() {
        return secretGenerated;
    }

    void bindCa(String fingerprint) {
        this.caFingerprint = fingerprint;
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

    /** A new password; a person-chosen one makes the user lockable by failed logins again ({@link LoginThrottle}). */
    void setPassword(String passwordHash, boolean generated) {
        this.passwordHash = passwordHash;
        this.secretGenerated = generated;
    }

    /** Whether the user logs in with a one-time code as well ({@link Totp}). */
    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    String totpSecret() {
        return totpSecret;
    }

    long totpLastStep() {
        return totpLastStep;
    }

    /** Turns the second factor on (a secret) or off (null). */
    void setTotp(String secret, long usedStep) {
        this.totpSecret = secret;
        this.totpLastStep = usedStep;
    }

    void totpUsed(long step) {
        this.totpLastStep = step;
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
