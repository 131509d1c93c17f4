package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A service provider registered with the STI-PA (ATIS-1000080 section 5.1): the {@code accountId} of the
 * token API path, whether it may hold delegate CA certificates ({@code atc.ca}, RFC 9447 section 4), and
 * whether it is active. Its SPCs are {@link ServiceProviderCode} rows.
 */
@Entity
@Table(name = "pa_account")
public class ServiceProviderAccount {
    @Id
    @Column(name = "account_id")
    private String accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "ca_allowed", nullable = false)
    private boolean caAllowed;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ServiceProviderAccount() {
    }

    ServiceProviderAccount(String accountId, String name, boolean caAllowed, OffsetDateTime createdAt) {
        this.accountId = accountId;
        this.name = name;
        this.active = true;
        this.caAllowed = caAllowed;
        this.createdAt = createdAt;
    }

    public String accountId() {
        return accountId;
    }

    public String name() {
        return name;
    }

    public boolean active() {
        return active;
    }

    public boolean caAllowed() {
        return caAllowed;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    void setActive(boolean active) {
        this.active = active;
    }

    void setCaAllowed(boolean caAllowed) {
        this.caAllowed = caAllowed;
    }
}
