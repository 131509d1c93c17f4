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
 * A generation of an STI-PA signer that is not the one in use ({@link PaCertificate} holds that): the one staged by
 * a key rollover and published before it signs ({@link State#NEXT}), or one it replaced ({@link State#RETIRED}),
 * which stays published so that what it signed stays verifiable (RFC 7515 section 4.1.5: the x5u of a token names
 * the certificate that signed it). Its private key stays on the {@code pa} token under {@code keyAlias}.
 */
@Entity
@Table(name = "pa_certificate_generation")
public class PaCertificateGeneration {

    /** Where a generation stands in the rollover. */
    public enum State {
        /** Published, not yet signing: the next activation makes it the signer in use. */
        NEXT,
        /** Replaced: signs nothing more, still published until its certificate expires. */
        RETIRED
    }

    @Id
    @Column(length = 100)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private PaCertificate.Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(name = "key_alias", nullable = false, length = 100)
    private String keyAlias;

    @Column(nullable = false)
    private byte[] der;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    protected PaCertificateGeneration() {
    }

    private PaCertificateGeneration(String id, PaCertificate.Purpose purpose, State state, String keyAlias, byte[] der,
                                    OffsetDateTime createdAt, OffsetDateTime changedAt) {
        this.id = id;
        this.purpose = purpose;
        this.state = state;
        this.keyAlias = keyAlias;
        this.der = der.clone();
        this.createdAt = createdAt;
        this.changedAt = changedAt;
    }

    /** The id of the staged generation of a purpose: one per purpose, so two nodes cannot stage two at once. */
    static String nextId(PaCertificate.Purpose purpose) {
        return purpose.name() + ":next";
    }

    static PaCertificateGeneration next(PaCertificate.Purpose purpose, String keyAlias, byte[] der, OffsetDateTime now) {
        return new PaCertificateGeneration(nextId(purpose), purpose, State.NEXT, keyAlias, der, now, now);
    }

    static PaCertificateGeneration retired(PaCertificate.Purpose purpose, String keyAlias, byte[] der,
                                           OffsetDateTime createdAt, OffsetDateTime now) {
        String serial = Pem.certificate(der).getSerialNumber().toString(16);
        return new PaCertificateGeneration(purpose.name() + ":" + serial, purpose, State.RETIRED, keyAlias, der, createdAt, now);
    }

    public PaCertificate.Purpose purpose() {
        return purpose;
    }

    public State state() {
        return state;
    }

    public String keyAlias() {
        return keyAlias;
    }

    byte[] der() {
        return der.clone();
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }

    public X509Certificate certificate() {
        return Pem.certificate(der);
    }
}
