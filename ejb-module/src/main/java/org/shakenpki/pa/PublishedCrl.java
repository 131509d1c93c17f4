package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A CRL the STI-PA issued; the one with the highest number is what {@code /download/v1/crl} serves. */
@Entity
@Table(name = "pa_crl")
public class PublishedCrl {
    @Id
    @Column(name = "crl_number")
    private long crlNumber;

    @Column(nullable = false)
    private byte[] der;

    @Column(name = "this_update", nullable = false)
    private OffsetDateTime thisUpdate;

    @Column(name = "next_update", nullable = false)
    private OffsetDateTime nextUpdate;

    protected PublishedCrl() {
    }

    PublishedCrl(long crlNumber, byte[] der, OffsetDateTime thisUpdate, OffsetDateTime nextUpdate) {
        this.crlNumber = crlNumber;
        this.der = der.clone();
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
    }

    public long crlNumber() {
        return crlNumber;
    }

    public byte[] der() {
        return der.clone();
    }

    public OffsetDateTime thisUpdate() {
        return thisUpdate;
    }

    public OffsetDateTime nextUpdate() {
        return nextUpdate;
    }
}
