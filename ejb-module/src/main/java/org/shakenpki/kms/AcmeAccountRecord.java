package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The SP-KMS's ACME account at one STI-CA: its key on the kms token, its account URL (RFC 8555 section 7.3) and the
 * External Account Binding key id it was registered with (section 7.3.4), null for none.
 */
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

    @Column(name = "eab_kid")
    private String eabKid;

    protected AcmeAccountRecord() {
    }

    AcmeAccountRecord(String directoryUrl, String keyAlias, String accountUrl, OffsetDateTime createdAt, String eabKid) {
        this.directoryUrl = directoryUrl;
        this.keyAlias = keyAlias;
        this.accountUrl = accountUrl;
        this.createdAt = createdAt;
        this.eabKid = eabKid;
    }

    /** Whether this account was registered with the EAB key id now configured (null: none then and now). */
    boolean boundWith(String configuredKid) {
        return java.util.Objects.equals(eabKid, configuredKid);
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
