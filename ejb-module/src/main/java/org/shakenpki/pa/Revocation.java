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
 * A revoked SHAKEN certificate, named by its issuer (an STI-CA) and serial number: one entry of the indirect
 * STI-PA CRL, where the issuer goes into the entry's certificateIssuer extension (RFC 5280 section 5.3.3).
 */
@Entity
@Table(name = "pa_revocation")
public class Revocation {
    @Id
    @SequenceGenerator(name = "pa_seq", sequenceName = "pa_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pa_seq")
    private long id;

    @Column(name = "issuer_der", nullable = false, updatable = false)
    private byte[] issuerDer;

    @Column(name = "issuer_name", nullable = false, updatable = false)
    private String issuerName;

    @Column(name = "serial_hex", nullable = false, updatable = false)
    private String serialHex;

    @Column(nullable = false, updatable = false)
    private int reason;

    @Column(name = "revoked_at", nullable = false, updatable = false)
    private OffsetDateTime revokedAt;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    protected Revocation() {
    }

    Revocation(byte[] issuerDer, String issuerName, String serialHex, int reason, OffsetDateTime revokedAt,
               String requestedBy) {
        this.issuerDer = issuerDer.clone();
        this.issuerName = issuerName;
        this.serialHex = serialHex;
        this.reason = reason;
        this.revokedAt = revokedAt;
        this.requestedBy = requestedBy;
    }

    public byte[] issuerDer() {
        return issuerDer.clone();
    }

    public String issuerName() {
        return issuerName;
    }

    public String serialHex() {
        return serialHex;
    }

    /** The RFC 5280 CRLReason code. */
    public int reason() {
        return reason;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }

    public String requestedBy() {
        return requestedBy;
    }
}
