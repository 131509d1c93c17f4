package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.shakenpki.pkix.Pem;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;

/**
 * One of the STI-PA's own certificates in use, one per purpose; its private key is on the {@code pa} token under
 * {@code keyAlias}. A key rollover ({@link PaKeyRollover}) replaces the key and certificate of a signer and keeps
 * the replaced one as a {@link PaCertificateGeneration}.
 */
@Entity
@Table(name = "pa_certificate")
public class PaCertificate {

    /** What the STI-PA signs with each key. */
    public enum Purpose {
        /** The STI-PA root, trust anchor of the token signer and the CRL signer. */
        ROOT,
        /** Signs SPC tokens and the trust list (the certificate named by their {@code x5u}). */
        TOKEN_SIGNER,
        /** Signs the indirect STI-PA CRL ("STI-PA CRL" in deployed SHAKEN certificates' cRLIssuer). */
        CRL_SIGNER
    }

    @Id
    @Enumerated(EnumType.STRING)
    private Purpose purpose;

    @Column(name = "key_alias", nullable = false)
    private String keyAlias;

    @Column(nullable = false)
    private byte[] der;

    /** When this key became the one in use. */
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected PaCertificate() {
    }

    PaCertificate(Purpose purpose, String keyAlias, byte[] der, OffsetDateTime createdAt) {
        this.purpose = purpose;
        this.keyAlias = keyAlias;
        this.der = der.clone();
        this.createdAt = createdAt;
    }

    /** Makes another key and certificate the one in use (a rollover's activation). */
    void replaceWith(String newKeyAlias, byte[] newDer, OffsetDateTime now) {
        this.keyAlias = newKeyAlias;
        this.der = newDer.clone();
        this.createdAt = now;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    byte[] der() {
        return der.clone();
    }

    public Purpose purpose() {
        return purpose;
    }

    public String keyAlias() {
        return keyAlias;
    }

    public X509Certificate certificate() {
        return Pem.certificate(der);
    }
}
