package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.shakenpki.pkix.TNAuthList;

import java.time.OffsetDateTime;

/**
 * A delegate CA certificate the SP-KMS holds for one SPC (RFC 9060 section 4, ATIS-1000092): obtained from the
 * STI-CA with a {@code ca:true} SPC token (RFC 9448 section 5.4), its key on the {@code kms-delegate} token.
 * {@code numbers} is the TNAuthList (telephone numbers and ranges) the operator declared the service provider may
 * delegate: the certificate itself carries only the SPC, because the STI-PA attests SPCs and not numbers, so the
 * SP-KMS keeps the tighter scope and checks every end-entity against both.
 */
@Entity
@Table(name = "kms_delegate_ca")
public class DelegateCa {
    @Id
    private String spc;

    @Column(name = "key_alias", nullable = false)
    private String keyAlias;

    @Column(nullable = false)
    private String numbers;

    @Column(name = "chain_pem", nullable = false)
    private String chainPem;

    @Column(name = "certificate_url")
    private String certificateUrl;

    @Column(name = "serial_hex", nullable = false)
    private String serialHex;

    @Column(name = "not_after", nullable = false)
    private OffsetDateTime notAfter;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected DelegateCa() {
    }

    DelegateCa(String spc, String keyAlias, TNAuthList numbers, String chainPem, String certificateUrl, String serialHex,
               OffsetDateTime notAfter, OffsetDateTime createdAt) {
        this.spc = spc;
        this.keyAlias = keyAlias;
        this.numbers = numbers.toBase64Url();
        this.chainPem = chainPem;
        this.certificateUrl = certificateUrl;
        this.serialHex = serialHex;
        this.notAfter = notAfter;
        this.createdAt = createdAt;
    }

    public String spc() {
        return spc;
    }

    public String keyAlias() {
        return keyAlias;
    }

    /** The numbers this delegate CA may delegate, as the operator declared them. */
    public TNAuthList numbers() {
        return TNAuthList.fromBase64(numbers);
    }

    /** The delegate CA certificate and the STI-CA intermediate above it, PEM. */
    public String chainPem() {
        return chainPem;
    }

    public String certificateUrl() {
        return certificateUrl;
    }

    public String serialHex() {
        return serialHex;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
