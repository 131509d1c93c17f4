package org.shakenpki.stir;

/**
 * Why a PASSporT did not verify, with the SIP response a verifier that rejects the call sends (RFC 8224
 * section 6.2.2) and the verstat the call carries on if it is not rejected (ATIS-1000074).
 *
 * <p>A revoked certificate is {@link #CERTIFICATE_REVOKED}: 437 Unsupported Credential, because RFC 8224 gives
 * no code of its own and a revoked certificate is a credential the verifier must not accept (the same choice as
 * for an untrusted chain). {@link #VERIFIER_UNAVAILABLE} is this verifier's own failure (no trust list or CRL
 * from the STI-PA): nothing was validated, so it is No-TN-Validation without a SIP code.
 */
public enum Failure {
    /** No Identity header: RFC 8224 section 6.2.2, 428 Use Identity Header. */
    NO_IDENTITY(428, "Use Identity Header", Verstat.NO_TN_VALIDATION),
    /** The credential at info/x5u cannot be fetched or is not a certificate chain: 436 Bad Identity Info. */
    BAD_IDENTITY_INFO(436, "Bad Identity Info", Verstat.TN_VALIDATION_FAILED),
    /** Untrusted chain, certificate outside the SHAKEN profile, unsupported algorithm: 437 Unsupported Credential. */
    UNSUPPORTED_CREDENTIAL(437, "Unsupported Credential", Verstat.TN_VALIDATION_FAILED),
    /** The certificate (or a CA above it) is on the STI-PA CRL: 437 Unsupported Credential. */
    CERTIFICATE_REVOKED(437, "Unsupported Credential", Verstat.TN_VALIDATION_FAILED),
    /** Malformed header or PASSporT, bad signature, claims that do not match the call: 438 Invalid Identity Header. */
    INVALID_IDENTITY_HEADER(438, "Invalid Identity Header", Verstat.TN_VALIDATION_FAILED),
    /** {@code iat} outside the freshness window: 403 Stale Date. */
    STALE_DATE(403, "Stale Date", Verstat.TN_VALIDATION_FAILED),
    /** The STI-PA trust list or CRL could not be obtained, so nothing could be validated. */
    VERIFIER_UNAVAILABLE(0, null, Verstat.NO_TN_VALIDATION);

    private final int sipCode;
    private final String sipReasonPhrase;
    private final Verstat verstat;

    Failure(int sipCode, String sipReasonPhrase, Verstat verstat) {
        this.sipCode = sipCode;
        this.sipReasonPhrase = sipReasonPhrase;
        this.verstat = verstat;
    }

    /** The SIP response code, or 0 when the failure maps to none. */
    public int sipCode() {
        return sipCode;
    }

    /** The SIP reason phrase of {@link #sipCode()}, or null. */
    public String sipReasonPhrase() {
        return sipReasonPhrase;
    }

    public Verstat verstat() {
        return verstat;
    }

    /** The wire name, for example {@code stale-date}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
