package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A certificate a credential had before its renewal, and the fate of its key. */
@Entity
@Table(name = "kms_history")
public class CredentialHistory {
    @Id
    @SequenceGenerator(name = "kms_seq", sequenceName = "kms_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kms_seq")
    private long id;

    @Column(name = "credential_id", nullable = false, updatable = false)
    private long credentialId;

    @Column(name = "key_alias", nullable = false, updatable = false)
    private String keyAlias;

    @Column(name = "serial_hex", updatable = false)
    private String serialHex;

    @Column(name = "not_after", updatable = false)
    private OffsetDateTime notAfter;

    @Column(name = "replaced_at", nullable = false, updatable = false)
    private OffsetDateTime replacedAt;

    @Column(name = "destroy_key_after", nullable = false, updatable = false)
    private OffsetDateTime destroyKeyAfter;

    @Column(name = "key_destroyed", nullable = false)
    private boolean keyDestroyed;

    protected CredentialHistory() {
    }

    CredentialHistory(ManagedCredential replaced, OffsetDateTime now, OffsetDateTime destroyKeyAfter) {
        this.credentialId = replaced.id();
        this.keyAlias = replaced.keyAlias();
        this.serialHex = replaced.serialHex();
        this.notAfter = replaced.notAfter();
        this.replacedAt = now;
        this.destroyKeyAfter = destroyKeyAfter;
    }

    public long credentialId() {
        return credentialId;
    }

    public String keyAlias() {
        return keyAlias;
    }

    public String serialHex() {
        return serialHex;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    public OffsetDateTime replacedAt() {
        return replacedAt;
    }

    public OffsetDateTime destroyKeyAfter() {
        return destroyKeyAfter;
    }

    public boolean keyDestroyed() {
        return keyDestroyed;
    }

    void markKeyDestroyed() {
        this.keyDestroyed = true;
    }
}
