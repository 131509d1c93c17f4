package org.shakenpki.kms;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Read-only views of the SP-KMS's managed credentials, what the admin API renders and the health check counts:
 * values, not the JPA entities, so no caller outside the SP-KMS can change or lazily load its rows.
 */
public final class Views {
    private Views() {
    }

    /**
     * A managed credential: the certificate of one SPC and where its life is (README, "SP-KMS").
     *
     * @param options        how it is ordered (the STI-CA, the fingerprint form, the challenge response key)
     * @param revokedOnCrlAt when the SP-KMS found the current certificate on the STI-PA CRL, or null
     * @param renewalWindow  the STI-CA's suggested renewal window of the current certificate (RFC 9773), or null
     */
    public record Credential(String spc, CredentialState state, IssuanceOptions options, int attempts, String keyAlias,
                             String certificateUrl, String serialHex, OffsetDateTime notBefore, OffsetDateTime notAfter,
                             OffsetDateTime renewAt, OffsetDateTime nextAttemptAt, String lastError,
                             OffsetDateTime revokedOnCrlAt, RenewalWindow renewalWindow) {
        static Credential of(ManagedCredential c) {
            return new Credential(c.spc(), c.state(), c.options(), c.attempts(), c.keyAlias(), c.certificateUrl(),
                    c.serialHex(), c.notBefore(), c.notAfter(), c.renewAt(), c.nextAttemptAt(), c.lastError(),
                    c.revokedOnCrlAt(), c.ariWindowStart() == null ? null
                            : new RenewalWindow(c.ariWindowStart(), c.ariWindowEnd(), c.ariExplanationUrl(), c.ariNextCheckAt()));
        }

        /**
         * Whether the STI-AS may sign with it: it has a key and a certificate that is neither revoked (by the
         * SP-KMS, or on the STI-PA CRL: a verifier would refuse the PASSporT) nor lost.
         */
        public boolean usable() {
            return keyAlias != null && certificateUrl != null && revokedOnCrlAt == null
                    && (state == CredentialState.ACTIVE || state == CredentialState.RENEWING);
        }
    }

    /**
     * The STI-CA's suggested renewal window (RFC 9773 section 4.2) as last fetched, and when it is fetched again.
     *
     * @param explanationUrl the STI-CA's page on why, or null
     */
    public record RenewalWindow(OffsetDateTime start, OffsetDateTime end, String explanationUrl, OffsetDateTime nextCheck) {
    }

    /** A certificate that was replaced (renewed or revoked), and what became of its key. */
    public record Replaced(String keyAlias, String serialHex, OffsetDateTime notAfter, OffsetDateTime replacedAt,
                           OffsetDateTime destroyKeyAfter, boolean keyDestroyed) {
        static Replaced of(CredentialHistory h) {
            return new Replaced(h.keyAlias(), h.serialHex(), h.notAfter(), h.replacedAt(), h.destroyKeyAfter(), h.keyDestroyed());
        }
    }

    /** The delivery of one notification to the signing service's webhook. */
    public record Delivery(int attempts, OffsetDateTime deliveredAt, String lastError) {
        static Delivery of(Notification n) {
            return new Delivery(n.attempts(), n.deliveredAt(), n.lastError());
        }
    }

    /** A credential with its certificate chain (PEM, or null before the first), its history and its notifications. */
    public record Detail(Credential credential, String chainPem, List<Replaced> history, List<Delivery> notifications) {
    }
}
