package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.shakenpki.pkix.Pem;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;

/** An approved STI-CA root certificate on the STI-PA trust list, keyed by its SHA-256 fingerprint (hex). */
@Entity
@Table(name = "pa_trust_anchor")
public class TrustAnchor {
    @Id
    private String fingerprint;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private byte[] der;

    @Column(name = "added_at", nullable = false, updatable = false)
    private OffsetDateTime addedAt;

    protected TrustAnchor() {
    }

    TrustAnchor(String fingerprint, String subject, byte[] der, OffsetDateTime addedAt) {
        this.fingerprint = fingerprint;
        this.subject = subject;
        this.der = der.clone();
        this.addedAt = addedAt;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String subject() {
        return subject;
    }

    public OffsetDateTime addedAt() {
        return addedAt;
    }

    public X509Certificate certificate() {
        return Pem.certificate(der);
    }
}
