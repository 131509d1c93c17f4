package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A key of the CA hierarchy ({@code root} or {@code intermediate}): its alias on the ca token and its certificate. */
@Entity
@Table(name = "ca_key")
public class CaKeyRecord {
    @Id
    @Column(length = 20)
    String name;

    @Column(name = "key_alias", nullable = false, length = 100)
    String keyAlias;

    @Column(name = "certificate_pem", nullable = false, length = 8000)
    String certificatePem;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    protected CaKeyRecord() {
    }

    CaKeyRecord(String name, String keyAlias, String certificatePem, OffsetDateTime createdAt) {
        this.name = name;
        this.keyAlias = keyAlias;
        this.certificatePem = certificatePem;
        this.createdAt = createdAt;
    }

    /**
     * Makes another key and certificate the one this row names (an intermediate rollover). A method of the entity,
     * not field writes from outside: EclipseLink's woven change tracking sees only writes made inside the entity.
     */
    void replaceWith(String newKeyAlias, String newCertificatePem, OffsetDateTime at) {
        this.keyAlias = newKeyAlias;
        this.certificatePem = newCertificatePem;
        this.createdAt = at;
    }
}
