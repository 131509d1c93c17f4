package org.shakenpki.pa;

/** What a STI-PA user may do. */
public enum UserRole {
    /** STI-PA administrator: accounts, users, trust list, any revocation. */
    ADMIN,
    /** A service provider's API user: SPC tokens for its account, revocation of its own certificates. */
    SP_API,
    /**
     * A service provider's administrator, bound to one account: in the provider portal, manages its account's
     * users, requests SPCs, sees its tokens and certificates and revokes them ({@link ProviderPortal}); gets no
     * SPC tokens itself (that is for its SP_API users).
     */
    SP_ADMIN,
    /**
     * An STI-CA's client: reports revocations of certificates it issued, that is, certificates whose chain
     * validates to the one trust-list root the user is bound to ({@link PaUser#caFingerprint()}).
     */
    STI_CA,
    /** A verification service (STI-VS): reads the trust list, nothing else; never revokes. */
    VERIFIER
}
