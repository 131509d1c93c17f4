package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The SP-KMS's ACME account at one STI-CA: its key on the kms token and its account URL (RFC 8555 7.3). */
@Entity
@Table(name = "kms_acme_account")
public class AcmeAccountRecord {
    @Id
    @Column(name = "directory_url")
    private String directoryUrl;

    @Column(name = "key_alias", nullable = false)
    private String keyAlias;

    @Column(name = "account_url", nullable = false)
    private String accountUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected AcmeAccountRecord() {
    }

    AcmeAccountRecord(String directoryUrl, String keyAlias, String accountUrl, OffsetDateTime createdAt) {
        this.directoryUrl = directoryUrl;
        this.keyAlias = keyAlias;
        this.accountUrl = accountUrl;
        this.createdAt = createdAt;
    }

    public String directoryUrl() {
        return directoryUrl;
    }

    public String keyAlias() {
        return keyAlias;
    }

    public String accountUrl() {
        return accountUrl;
    }
}
