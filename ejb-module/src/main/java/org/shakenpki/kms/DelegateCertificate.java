package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.shakenpki.pkix.TNAuthList;

import java.time.OffsetDateTime;

/**
 * An end-entity delegate certificate the SP-KMS issued under one of its delegate CAs to an enterprise or a
 * reseller (RFC 9060 section 4): its TNAuthList of numbers and ranges, its chain (leaf, delegate CA, STI-CA
 * intermediate) as published in the STI-CR, and its revocation, if any, with what the STI-PA answered to the
 * report of it ({@code stiPaReport}).
 */
@Entity
@Table(name = "kms_delegate_certificate")
public class DelegateCertificate {
    @Id
    @Column(name = "serial_hex")
    private String serialHex;

    @Column(name = "delegate_spc", nullable = false, updatable = false)
    private String delegateSpc;

    @Column(nullable = false)
    private String holder;

    @Column(name = "tn_auth_list", nullable = false)
    private String tnAuthList;

    @Column(name = "chain_pem", nullable = false)
    private String chainPem;

    @Column(name = "certificate_url", nullable = false)
    private String certificateUrl;

    @Column(name = "not_after", nullable = false)
    private OffsetDateTime notAfter;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "revocation_reason")
    private String revocationReason;

    @Column(name = "sti_pa_report")
    private String stiPaReport;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected DelegateCertificate() {
    }

    DelegateCertificate(String serialHex, String delegateSpc, String holder, TNAuthList tnAuthList, String chainPem,
                        String certificateUrl, OffsetDateTime notAfter, OffsetDateTime createdAt) {
        this.serialHex = serialHex;
        this.delegateSpc = delegateSpc;
        this.holder = holder;
        this.tnAuthList = tnAuthList.toBase64Url();
        this.chainPem = chainPem;
        this.certificateUrl = certificateUrl;
        this.notAfter = notAfter;
        this.createdAt = createdAt;
    }

    public String serialHex() {
        return serialHex;
    }

    public String delegateSpc() {
        return delegateSpc;
    }

    public String holder() {
        return holder;
    }

    public TNAuthList tnAuthList() {
        return TNAuthList.fromBase64(tnAuthList);
    }

    public String chainPem() {
        return chainPem;
    }

    public String certificateUrl() {
        return certificateUrl;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }

    public String revocationReason() {
        return revocationReason;
    }

    public String stiPaReport() {
        return stiPaReport;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    void revoked(String reason, OffsetDateTime at) {
        this.revocationReason = reason;
        this.revokedAt = at;
    }

    void reported(String outcome) {
        this.stiPaReport = outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome;
    }
}
