package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A certificate the STI-CA issued, with its revocation state (RFC 8555 section 7.6). */
@Entity
@Table(name = "ca_certificate")
public class IssuedCertificate {
    @Id
    @Column(length = 40)
    String id;

    @Column(name = "serial_hex", nullable = false, length = 64)
    String serialHex;

    @Column(name = "account_id", nullable = false, length = 40)
    String accountId;

    @Column(name = "order_id", nullable = false, length = 40)
    String orderId;

    @Column(name = "certificate_pem", nullable = false, length = 8000)
    String certificatePem;

    /** The STI-CR name of the chain (leaf first). */
    @Column(name = "chain_name", nullable = false, length = 80)
    String chainName;

    @Column(name = "not_before", nullable = false)
    OffsetDateTime notBefore;

    @Column(name = "not_after", nullable = false)
    OffsetDateTime notAfter;

    @Column(name = "revoked_at")
    OffsetDateTime revokedAt;

    @Column(name = "revocation_reason")
    Integer revocationReason;

    /** A renewal window the operator pulled forward (RFC 9773 section 4.2); null: {@link RenewalWindow#standard}. */
    @Column(name = "ari_window_start")
    OffsetDateTime ariWindowStart;

    @Column(name = "ari_window_end")
    OffsetDateTime ariWindowEnd;

    @Column(name = "ari_explanation_url", length = 1000)
    String ariExplanationUrl;

    protected IssuedCertificate() {
    }

    IssuedCertificate(String id, String serialHex, AcmeOrder order, String certificatePem, String chainName,
                      OffsetDateTime notBefore, OffsetDateTime notAfter) {
        this.id = id;
        this.serialHex = serialHex;
        this.accountId = order.accountId;
        this.orderId = order.id;
        this.certificatePem = certificatePem;
        this.chainName = chainName;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    void pullForward(RenewalWindow window, String explanationUrl) {
        ariWindowStart = OffsetDateTime.ofInstant(window.start(), java.time.ZoneOffset.UTC);
        ariWindowEnd = OffsetDateTime.ofInstant(window.end(), java.time.ZoneOffset.UTC);
        if (explanationUrl != null) {
            ariExplanationUrl = explanationUrl;
        }
    }

    void revoke(OffsetDateTime at, int reason) {
        revokedAt = at;
        revocationReason = reason;
    }
}
