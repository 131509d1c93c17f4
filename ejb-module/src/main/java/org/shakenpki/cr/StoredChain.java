package org.shakenpki.cr;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A certificate chain published by the STI-CR (ATIS-1000080 section 5.3.3), leaf first, under a name. */
@Entity
@Table(name = "cr_chain")
public class StoredChain {
    @Id
    @Column(length = 80)
    String name;

    @Column(name = "chain_pem", nullable = false, length = 16000)
    String chainPem;

    @Column(nullable = false, length = 80)
    String etag;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    protected StoredChain() {
    }

    StoredChain(String name, String chainPem, String etag, OffsetDateTime createdAt) {
        this.name = name;
        this.chainPem = chainPem;
        this.etag = etag;
        this.createdAt = createdAt;
    }
}
