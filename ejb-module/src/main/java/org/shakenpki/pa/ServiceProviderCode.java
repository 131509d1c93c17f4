package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An SPC (in the US, the OCN) held by one service-provider account; only active SPCs get tokens. */
@Entity
@Table(name = "pa_spc")
public class ServiceProviderCode {
    @Id
    private String spc;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ServiceProviderCode() {
    }

    ServiceProviderCode(String spc, String accountId, OffsetDateTime createdAt) {
        this.spc = spc;
        this.accountId = accountId;
        this.active = true;
        this.createdAt = createdAt;
    }

    public String spc() {
        return spc;
    }

    public String accountId() {
        return accountId;
    }

    public boolean active() {
        return active;
    }

    void setActive(boolean active) {
        this.active = active;
    }
}
