package org.shakenpki.kms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The SHAKEN credential the SP-KMS manages for one SPC (ATIS-1000080 section 6.3.2, SP-KMS): the current key
 * on the {@code kms} token, its certificate chain and STI-CR URL, and what is happening to it. The key being
 * made by an attempt in progress is recorded in {@code pendingKeyAlias} first, so a crash or failure part-way
 * can always find and destroy it.
 */
@Entity
@Table(name = "kms_credential")
public class ManagedCredential {
    @Id
    @SequenceGenerator(name = "kms_seq", sequenceName = "kms_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kms_seq")
    private long id;

    @Column(nullable = false, updatable = false)
    private String spc;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CredentialState state;

    @Column(name = "key_alias")
    private String keyAlias;

    @Column(name = "pending_key_alias")
    private String pendingKeyAlias;

    @Column(name = "chain_pem")
    private String chainPem;

    @Column(name = "certificate_url")
    private String certificateUrl;

    @Column(name = "serial_hex")
    private String serialHex;

    @Column(name = "not_before")
    private OffsetDateTime notBefore;

    @Column(name = "not_after")
    private OffsetDateTime notAfter;

    @Column(name = "acme_directory", nullable = false)
    private String acmeDirectory;

    @Column(name = "fingerprint_form", nullable = false)
    private String fingerprintForm;

    @Column(name = "response_key", nullable = false)
    private String responseKey;

    /** The requested JWT Claim Constraints as {@code 8226:<base64 DER>} or {@code 9118:<base64 DER>}; null for none. */
    @Column(name = "claim_constraints", length = 4000)
    private String claimConstraints;

    @Column(name = "renew_at")
    private OffsetDateTime renewAt;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    /** The serial of the current certificate once the STI-PA CRL lists it; cleared by its replacement. */
    @Column(name = "revoked_serial_hex")
    private String revokedSerialHex;

    @Column(name = "revoked_on_crl_at")
    private OffsetDateTime revokedOnCrlAt;

    /** The ACME profile orders ask for (draft-ietf-acme-profiles), or null. */
    @Column(name = "profile", updatable = false)
    private String profile;

    /** The STI-CA's last suggested renewal window for the current certificate (RFC 9773 section 4.2), or null. */
    @Column(name = "ari_window_start")
    private OffsetDateTime ariWindowStart;

    @Column(name = "ari_window_end")
    private OffsetDateTime ariWindowEnd;

    @Column(name = "ari_explanation_url")
    private String ariExplanationUrl;

    /** When to ask the STI-CA's renewalInfo again; null: at the next round (right after an issuance, section 4.3). */
    @Column(name = "ari_next_check_at")
    private OffsetDateTime ariNextCheckAt;

    /** Whether {@code renewAt} is an operator's time, which only a window that has passed overrides. */
    @Column(name = "renew_at_pinned", nullable = false)
    private boolean renewAtPinned;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected ManagedCredential() {
    }

    ManagedCredential(String spc, IssuanceOptions options, OffsetDateTime now) {
        this.spc = spc;
        this.state = CredentialState.PENDING;
        this.acmeDirectory = options.acmeDirectory();
        this.fingerprintForm = options.fingerprint().name();
        this.responseKey = options.responseKey();
        this.profile = options.profile();
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public long id() {
        return id;
    }

    public String spc() {
        return spc;
    }

    public CredentialState state() {
        return state;
    }

    public String keyAlias() {
        return keyAlias;
    }

    public String pendingKeyAlias() {
        return pendingKeyAlias;
    }

    public String chainPem() {
        return chainPem;
    }

    public String certificateUrl() {
        return certificateUrl;
    }

    public String serialHex() {
        return serialHex;
    }

    public OffsetDateTime notBefore() {
        return notBefore;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    /** The JWT Claim Constraints this credential's CSRs request (RFC 8226 section 8, RFC 9118), or null. */
    public org.shakenpki.pkix.JwtClaimConstraints claimConstraints() {
        if (claimConstraints == null) {
            return null;
        }
        return org.shakenpki.pkix.JwtClaimConstraints.decode(java.util.Base64.getDecoder().decode(claimConstraints.substring(5)),
                claimConstraints.startsWith("9118:"));
    }

    void claimConstraints(org.shakenpki.pkix.JwtClaimConstraints constraints) {
        claimConstraints = constraints == null ? null : (constraints.enhanced() ? "9118:" : "8226:")
                + java.util.Base64.getEncoder().encodeToString(constraints.der());
    }

    public IssuanceOptions options() {
        return new IssuanceOptions(acmeDirectory, IssuanceOptions.Fingerprint.valueOf(fingerprintForm), responseKey, profile);
    }

    public OffsetDateTime renewAt() {
        return renewAt;
    }

    public OffsetDateTime nextAttemptAt() {
        return nextAttemptAt;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    /** When the SP-KMS found the current certificate on the STI-PA CRL, or null. */
    public OffsetDateTime revokedOnCrlAt() {
        return revokedOnCrlAt;
    }

    /** The STI-CA's suggested renewal window start (RFC 9773 section 4.2), or null without ARI. */
    public OffsetDateTime ariWindowStart() {
        return ariWindowStart;
    }

    public OffsetDateTime ariWindowEnd() {
        return ariWindowEnd;
    }

    public String ariExplanationUrl() {
        return ariExplanationUrl;
    }

    public OffsetDateTime ariNextCheckAt() {
        return ariNextCheckAt;
    }

    /** Whether the STI-CA's renewalInfo of the current certificate is to be fetched at {@code now}. */
    boolean isAriDue(OffsetDateTime now) {
        // a certificate the STI-PA CRL lists is being replaced already, whatever its window
        return state == CredentialState.ACTIVE && serialHex != null && chainPem != null && pendingKeyAlias == null
                && revokedOnCrlAt == null && (ariNextCheckAt == null || !ariNextCheckAt.isAfter(now));
    }

    /**
     * Takes the STI-CA's answer for the current certificate: a window that differs from the last one sets the renewal
     * to {@code renewAt} (a random time in it, or now for a window in the past); an unchanged window keeps the time
     * already chosen. An operator's time ({@code kms renew --at}) stands unless the window has passed; without a window
     * (no ARI, an error) the renewal date stays as it is; a renewal that is due already (a CRL listing, an operator's
     * time) is never put off.
     *
     * @return whether the renewal date moved
     */
    boolean ariChecked(AriPlan.Window window, OffsetDateTime renewAt, OffsetDateTime nextCheck, OffsetDateTime now) {
        this.ariNextCheckAt = nextCheck;
        this.updatedAt = now;
        if (window == null) {
            return false;
        }
        // as instants: a database may hand the stored times back in another offset
        boolean changed = ariWindowStart == null || ariWindowEnd == null || !window.start().isEqual(ariWindowStart)
                || !window.end().isEqual(ariWindowEnd);
        this.ariWindowStart = window.start();
        this.ariWindowEnd = window.end();
        this.ariExplanationUrl = window.explanationUrl();
        // never postpone a renewal that is due already (a CRL listing, an operator's time that has come)
        boolean postponesADueRenewal = this.renewAt != null && !this.renewAt.isAfter(now) && renewAt.isAfter(this.renewAt);
        // an operator's time stands, unless the STI-CA asks for the replacement at once
        boolean overridesTheOperator = renewAtPinned && !(window.isPast(now) && renewAt.isBefore(this.renewAt));
        if (changed && state == CredentialState.ACTIVE && revokedOnCrlAt == null && !postponesADueRenewal
                && !overridesTheOperator) {
            this.renewAt = renewAt;
            return true;
        }
        return false;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    /** Whether an issuance attempt may start now. */
    boolean isDue(OffsetDateTime now) {
        return switch (state) {
            case PENDING, FAILED -> nextAttemptAt != null && !nextAttemptAt.isAfter(now);
            case ACTIVE -> renewAt != null && !renewAt.isAfter(now);
            case RENEWING -> nextAttemptAt != null && !nextAttemptAt.isAfter(now);
            case REVOKED -> false;
        };
    }

    void beginAttempt(String newKeyAlias, OffsetDateTime now) {
        this.pendingKeyAlias = newKeyAlias;
        if (state == CredentialState.ACTIVE) {
            state = CredentialState.RENEWING;
        }
        this.updatedAt = now;
    }

    void succeeded(Issued issued, OffsetDateTime renewAt, OffsetDateTime now) {
        this.keyAlias = issued.keyAlias();
        this.pendingKeyAlias = null;
        this.chainPem = issued.chainPem();
        this.certificateUrl = issued.certificateUrl();
        this.serialHex = issued.serialHex();
        this.notBefore = issued.notBefore();
        this.notAfter = issued.notAfter();
        this.state = CredentialState.ACTIVE;
        this.renewAt = renewAt;
        this.nextAttemptAt = null;
        this.attempts = 0;
        this.lastError = null;
        this.revokedSerialHex = null;
        this.revokedOnCrlAt = null;
        // the new certificate's renewal information is fetched at the next round (RFC 9773 section 4.3)
        this.ariWindowStart = null;
        this.ariWindowEnd = null;
        this.ariExplanationUrl = null;
        this.ariNextCheckAt = null;
        this.renewAtPinned = false;
        this.updatedAt = now;
    }

    void failed(String error, OffsetDateTime nextAttempt, OffsetDateTime now) {
        this.pendingKeyAlias = null;
        this.attempts++;
        this.lastError = error;
        this.nextAttemptAt = nextAttempt;
        if (state == CredentialState.PENDING) {
            state = CredentialState.FAILED;
        }
        this.updatedAt = now;
    }

    /** Makes the next issuance attempt due at {@code at}: a renewal when active, a retry otherwise. */
    void scheduleRenewal(OffsetDateTime at, OffsetDateTime now) {
        if (state == CredentialState.ACTIVE) {
            renewAt = at;
            renewAtPinned = true;
        } else if (state != CredentialState.REVOKED) {
            nextAttemptAt = at;
        }
        this.updatedAt = now;
    }

    /**
     * Whether the STI-PA CRL listing of the current certificate is news, i.e. it changes something: a credential
     * revoked by the SP-KMS itself ({@link CredentialState#REVOKED}) is done with, one without a certificate has
     * nothing listed, and a serial already marked was acted on in an earlier round (no second replacement, and the
     * backoff of a failed one is kept).
     */
    boolean isNewCrlListing() {
        return (state == CredentialState.ACTIVE || state == CredentialState.RENEWING)
                && serialHex != null && !serialHex.equals(revokedSerialHex);
    }

    /**
     * Marks the current certificate as on the STI-PA CRL and makes its replacement due now. An attempt already
     * running or waiting out its backoff (state RENEWING) is left alone: it is that replacement.
     */
    void listedOnCrl(String detail, OffsetDateTime now) {
        this.revokedSerialHex = serialHex;
        this.revokedOnCrlAt = now;
        this.lastError = detail;
        // whole seconds: the database rounds sub-microseconds, which could put "now" just after this round
        OffsetDateTime due = now.truncatedTo(ChronoUnit.SECONDS);
        if (state == CredentialState.ACTIVE) {
            renewAt = due;
        } else if (nextAttemptAt == null && pendingKeyAlias == null) {
            nextAttemptAt = due;
        }
        this.updatedAt = now;
    }

    void revoked(OffsetDateTime now) {
        this.state = CredentialState.REVOKED;
        this.renewAt = null;
        this.nextAttemptAt = null;
        this.updatedAt = now;
    }

    /**
     * What one successful issuance produced.
     *
     * @param keyAlias       the new key on the kms token
     * @param chainPem       the certificate chain, leaf first
     * @param certificateUrl the STI-CR URL of the chain ({@code x5u} for PASSporTs)
     * @param serialHex      the leaf's serial
     * @param notBefore      the leaf's validity start
     * @param notAfter       the leaf's validity end
     */
    public record Issued(String keyAlias, String chainPem, String certificateUrl, String serialHex,
                         OffsetDateTime notBefore, OffsetDateTime notAfter) {
    }
}
