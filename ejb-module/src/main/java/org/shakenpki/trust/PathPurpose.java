package org.shakenpki.trust;

/**
 * What the end-entity of a validated path is about to be trusted for. Each purpose adds its own end-entity
 * checks to RFC 5280 path validation, so that a certificate trusted for one thing cannot be used for another
 * (the STI-PA's CRL signer signing SPC tokens, an STI-CA's intermediate signing PASSporTs).
 */
public enum PathPurpose {
    /**
     * A PASSporT signer (ATIS-1000080 section 6.4.1, RFC 8226 section 8): an end-entity with digitalSignature.
     * A CA certificate never verifies a PASSporT.
     */
    PASSPORT_SIGNING,
    /**
     * The STI-PA's SPC-token signer (RFC 9448 section 6 check 2, ATIS-1000080 section 5.3.1): an end-entity
     * with digitalSignature whose key may not sign certificates or CRLs.
     */
    SPC_TOKEN_SIGNING,
    /** The STI-PA's caList signer (ATIS-1000080 section 5.3.1): as for SPC tokens. */
    TRUST_LIST_SIGNING,
    /** The STI-PA CRL signer (RFC 5280 section 4.2.1.3): cRLSign. */
    CRL_SIGNING,
    /**
     * A SHAKEN certificate named in a revocation request: issued under a trusted STI-CA. It is checked at a
     * time it was valid, because an expired certificate's key may still have to be revoked.
     */
    REVOCATION_TARGET
}
